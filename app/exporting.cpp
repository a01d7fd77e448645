// SPDX-License-Identifier: MIT
#include "exporting.h"

#include "iciclepanel.h"

#include "compareview.h"
#include "eventspanel.h"
#include "findingsettings.h"
#include "icicleview.h"
#include "importtreepanel.h"
#include "jsontext.h"
#include "profileexport.h"
#include "qtstrings.h"
#include "report.h"
#include "style.h"
#include "timelineview.h"
#include "workspace.h"

#include <qcustomplot.h>

#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QSvgGenerator>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTextEdit>

namespace coldscope {

namespace {

// Takes a view out of its splitter or tab widget and puts it back afterwards.
class Lift
{
public:
    Lift(QWidget *w, QSize size)
        : m_w(w)
    {
        if (!size.isValid() || size == w->size())
            return;
        QWidget *p = w->parentWidget();
        if (auto *split = qobject_cast<QSplitter *>(p)) {
            m_splitter = split;
            m_index = split->indexOf(w);
            m_sizes = split->sizes();
        } else if (p && qobject_cast<QStackedWidget *>(p) && qobject_cast<QTabWidget *>(p->parentWidget())) {
            m_tabs = qobject_cast<QTabWidget *>(p->parentWidget());
            m_index = m_tabs->indexOf(w);
            m_label = m_tabs->tabText(m_index);
            m_current = m_tabs->currentIndex();
        } else if (p) {
            return; // elsewhere: draw at its own size
        }
        m_lifted = true;
        w->setParent(nullptr);
        w->setAttribute(Qt::WA_DontShowOnScreen, true);
        w->resize(size);
        w->show();
        QApplication::processEvents();
    }
    ~Lift()
    {
        if (!m_lifted)
            return;
        m_w->hide();
        m_w->setAttribute(Qt::WA_DontShowOnScreen, false);
        if (m_splitter) {
            m_splitter->insertWidget(m_index, m_w);
            m_w->show();
            QApplication::processEvents(); // let the splitter take the widget in before sizing it
            m_splitter->setSizes(m_sizes);
        } else if (m_tabs) {
            m_tabs->insertTab(m_index, m_w, m_label);
            m_tabs->setCurrentIndex(m_current);
            // Only the current page is shown: showing another one would leave it drawn
            // over the current tab (the timeline's ghost over Imports).
            if (m_tabs->currentWidget() == m_w)
                m_w->show();
        }
        if (QWidget *top = m_w->window())
            top->update();
    }

private:
    QWidget *m_w;
    bool m_lifted = false;
    QSplitter *m_splitter = nullptr;
    QTabWidget *m_tabs = nullptr;
    int m_index = -1;
    int m_current = -1;
    QList<int> m_sizes;
    QString m_label;
};

int bandHeight(const QWidget *w)
{
    return w->fontMetrics().height() * 2 + 18;
}

void paintBand(QPainter &p, const QWidget *w, int width, const QString &title, const QStringList &sources)
{
    const int h = bandHeight(w);
    const style::Band colors = style::band();
    p.fillRect(QRect(0, 0, width, h), colors.background);
    p.setPen(colors.title);
    QFont bold = w->font();
    bold.setBold(true);
    p.setFont(bold);
    const QFontMetrics fm(bold);
    p.drawText(QRect(10, 6, width - 20, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
        fm.elidedText(title, Qt::ElideRight, width - 20));
    p.setFont(w->font());
    p.setPen(colors.sources);
    const QString files = sources.join(QStringLiteral("  ·  "));
    p.drawText(QRect(10, 8 + fm.height(), width - 20, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
        w->fontMetrics().elidedText(files, Qt::ElideMiddle, width - 20));
    p.setPen(colors.rule);
    p.drawLine(0, h - 1, width, h - 1);
}

// `view` and every widget in it of type T, `view` first.
template <typename T> QList<T *> selfAndDescendants(QWidget *view)
{
    QList<T *> found = view->findChildren<T *>();
    if (auto *self = qobject_cast<T *>(view))
        found.prepend(self);
    return found;
}

// `undo`, run only while `w` still exists.
template <typename W, typename F> std::function<void()> whileAlive(W *w, F undo)
{
    return [guard = QPointer<W>(w), undo = std::move(undo)] {
        if (guard)
            undo();
    };
}

} // namespace

FigureMode::FigureMode(QWidget *view, bool mayGrow)
{
    // An events table on a tab not shown since its log came has no rows yet.
    for (EventsPanel *events : selfAndDescendants<EventsPanel>(view))
        events->view();
    // The whole extent first: a view may rebuild its controls (the icicle's breadcrumbs)
    // on the way, and those are hidden below with the rest.
    for (QAbstractItemView *table : selfAndDescendants<QAbstractItemView>(view)) {
        const int v = table->verticalScrollBar()->value(), h = table->horizontalScrollBar()->value();
        table->verticalScrollBar()->setValue(0);
        table->horizontalScrollBar()->setValue(0);
        m_restore.push_back(whileAlive(table, [table, v, h] {
            table->verticalScrollBar()->setValue(v);
            table->horizontalScrollBar()->setValue(h);
        }));
    }
    for (TimelineView *timeline : selfAndDescendants<TimelineView>(view))
        m_restore.push_back(whileAlive(timeline, timeline->showWholeExtent()));
    for (IciclePanel *icicle : selfAndDescendants<IciclePanel>(view)) {
        int grow = 0;
        m_restore.push_back(whileAlive(icicle, icicle->showWholeExtent(&grow)));
        if (grow > 0 && mayGrow && view->isWindow()) { // lifted out for the drawing: room for every depth
            const QSize before = view->size();
            view->resize(before.width(), before.height() + std::min(grow, 4000));
            m_restore.push_back(whileAlive(view, [view, before] { view->resize(before); }));
        }
    }
    QApplication::processEvents(); // widgets a view made on the way are shown (queued)
    static const QRegularExpression hintSentence(QStringLiteral("\\s*(Wheel|Click|click|Drag|drag)[^.:]*:[^<]*$"));
    for (QWidget *w : view->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(view))
            continue;
        if (auto *label = qobject_cast<QLabel *>(w); label && !w->property("coldscopeFigureHidden").toBool()) {
            QString text = label->text();
            text.remove(hintSentence);
            if (text != label->text()) {
                m_texts.emplace_back(label, label->text());
                label->setText(text);
            }
        }
        if (hides(w)) {
            m_hidden.emplace_back(w);
            w->hide();
        }
    }
    QApplication::processEvents(); // lay out without them
}

FigureMode::~FigureMode()
{
    for (auto &[label, text] : m_texts)
        if (label)
            label->setText(text);
    for (auto &w : m_hidden)
        if (w)
            w->show();
    for (auto it = m_restore.rbegin(); it != m_restore.rend(); ++it)
        (*it)();
}

bool FigureMode::hides(const QWidget *w)
{
    if (w->property("coldscopeFigureHidden").toBool())
        return true;
    if (qobject_cast<const QLineEdit *>(w) || qobject_cast<const QComboBox *>(w) || qobject_cast<const QCheckBox *>(w)
        || qobject_cast<const QPushButton *>(w) || qobject_cast<const QAbstractSpinBox *>(w))
        return true;
    if (qobject_cast<const QTextEdit *>(w) || qobject_cast<const QPlainTextEdit *>(w))
        return !qobject_cast<const QTextBrowser *>(w); // an editor (the query box), not a document
    if (auto *v = qobject_cast<const QAbstractItemView *>(w))
        return !v->model() || v->model()->rowCount() == 0;
    if (auto *plot = qobject_cast<const QCustomPlot *>(w))
        return plot->plottableCount() == 0 && plot->itemCount() == 0;
    return false;
}

QByteArray viewPng(QWidget *view, const QString &title, const QStringList &sources, QSize size)
{
    Lift lift(view, size);
    FigureMode figure(view, !size.isValid()); // a size asked for is kept
    const int band = bandHeight(view);
    QImage img(view->width(), view->height() + band, QImage::Format_ARGB32_Premultiplied);
    img.fill(style::band().page);
    {
        QPainter p(&img);
        paintBand(p, view, img.width(), title, sources);
        view->render(&p, QPoint(0, band));
    }
    QByteArray bytes;
    QBuffer buf(&bytes);
    buf.open(QIODevice::WriteOnly);
    img.save(&buf, "PNG");
    return bytes;
}

bool exportView(
    QWidget *view, const QString &out, const QString &title, const QStringList &sources, QSize size, QString *error)
{
    const QString ext = QFileInfo(out).suffix().toLower();
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (ext == QLatin1String("png")) {
        const QByteArray png = viewPng(view, title, sources, size);
        QFile f(out);
        if (!f.open(QIODevice::WriteOnly) || f.write(png) != png.size())
            return fail(f.errorString());
        return true;
    }
    Lift lift(view, size);
    FigureMode figure(view, !size.isValid()); // a size asked for is kept
    const int band = bandHeight(view);
    const QSize total(view->width(), view->height() + band);
    if (ext == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(out);
        svg.setSize(total);
        svg.setViewBox(QRect(QPoint(0, 0), total));
        svg.setTitle(title);
        svg.setDescription(sources.join(QStringLiteral(", ")));
        QPainter p(&svg);
        paintBand(p, view, total.width(), title, sources);
        view->render(&p, QPoint(0, band));
        return p.end() || fail(QStringLiteral("cannot write %1").arg(out));
    }
    if (ext == QLatin1String("pdf")) {
        QPdfWriter pdf(out);
        pdf.setTitle(title);
        pdf.setCreator(QStringLiteral("coldscope"));
        pdf.setPageSize(QPageSize(QSizeF(total), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setResolution(72);
        QPainter p(&pdf);
        if (!p.isActive())
            return fail(QStringLiteral("cannot write %1").arg(out));
        paintBand(p, view, total.width(), title, sources);
        view->render(&p, QPoint(0, band));
        return p.end() || fail(QStringLiteral("cannot write %1").arg(out));
    }
    return fail(QStringLiteral("the file name must end in .png, .svg or .pdf"));
}

QStringList sourceNames(const Workspace &ws)
{
    QStringList names;
    if (const auto diff = ws.comparison()) {
        for (const auto &d : diff->a.data)
            names << QFileInfo(qs(d->path)).fileName();
        for (const auto &d : diff->b.data)
            names << QFileInfo(qs(d->path)).fileName();
    } else if (ws.data()) {
        names << QFileInfo(qs(ws.data()->path)).fileName();
    }
    return names;
}

bool writeReport(Workspace &ws, const QString &out, QString *error)
{
    const QString ext = QFileInfo(out).suffix().toLower();
    if (ext != QLatin1String("html") && ext != QLatin1String("htm") && ext != QLatin1String("md")) {
        if (error)
            *error = QStringLiteral("the report must end in .html or .md");
        return false;
    }
    ReportInput in;
    const auto diff = ws.comparison();
    if (diff) {
        for (const auto &d : diff->a.data)
            in.files.push_back(d);
        for (const auto &d : diff->b.data)
            in.files.push_back(d);
        in.diff = diff;
    } else if (ws.data()) {
        in.files.push_back(ws.data());
    }
    const QStringList sources = sourceNames(ws);
    in.title = diff ? "coldscope report: " + sources.join(QStringLiteral(" vs ")).toStdString()
                    : "coldscope report: " + sources.join(QStringLiteral(", ")).toStdString();
    in.colorCss = style::reportCss();
    in.adviceSettings = loadAdviceSettings();
    in.generated = "generated by coldscope " COLDSCOPE_VERSION " on "
        + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")).toStdString();
    // Pinned queries, run on the file(s) of the report.
    std::vector<query::Source> qsources;
    for (const auto &d : in.files)
        qsources.push_back({ d, QFileInfo(qs(d->path)).fileName().toStdString() });
    for (const QString &q : ws.pinnedQueries()) {
        ReportInput::PinnedQuery pq;
        pq.query = q.toStdString();
        try {
            pq.result = query::run(pq.query, qsources);
        } catch (const query::QueryError &e) {
            pq.error = "column " + std::to_string(e.column) + ": " + e.what();
        } catch (const std::exception &e) { // out of memory or a limit: the report says so
            pq.error = e.what();
        }
        in.queries.push_back(std::move(pq));
    }
    for (const auto &[module, note] : ws.moduleNotes())
        in.notes.emplace_back("module " + module, note);
    for (const auto &[request, note] : ws.invocationNotes())
        in.notes.emplace_back("invocation " + request, note);
    // Pictures, from views made for them over the same workspace (its selection, zoom
    // and time range included).
    const QSize size(1200, 640);
    const QFileInfo outInfo(out);
    auto picture = [&](const QString &name, QWidget *view, const QString &title) {
        std::unique_ptr<QWidget> owned(view);
        ReportInput::Picture p;
        p.title = title.toStdString();
        p.png = viewPng(view, title, sources, size).toStdString();
        if (ext == QLatin1String("md")) {
            const QString file = outInfo.completeBaseName() + QLatin1Char('-') + name + QStringLiteral(".png");
            QFile f(outInfo.dir().filePath(file));
            if (f.open(QIODevice::WriteOnly))
                f.write(p.png.data(), qint64(p.png.size()));
            p.file = file.toStdString();
        }
        in.pictures.push_back(std::move(p));
    };
    if (diff) {
        picture(QStringLiteral("comparison"), new CompareView(&ws),
            QStringLiteral("Comparison: B's imports coloured by change"));
    } else if (const auto data = ws.data()) {
        if (!data->runs.empty())
            picture(QStringLiteral("icicle"), new IcicleView(&ws), QStringLiteral("Import profile (icicle)"));
        if (!data->invocations.empty() || !data->initPhases.empty())
            picture(QStringLiteral("timeline"), new TimelineView(&ws), QStringLiteral("Cold-start timeline"));
    }
    const std::string text = ext == QLatin1String("md") ? reportMarkdown(in) : reportHtml(in);
    QFile f(out);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), qint64(text.size())) != qint64(text.size())) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

void exportReportDialog(QWidget *parent, Workspace &ws)
{
    QString path = QFileDialog::getSaveFileName(
        parent, QObject::tr("Export report"), QString(), QObject::tr("HTML (*.html);;Markdown (*.md)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".html");
    QString error;
    if (!writeReport(ws, path, &error))
        QMessageBox::warning(parent, QObject::tr("Export report"), error);
}

void exportProfileDialog(QWidget *parent, Workspace &ws)
{
    const auto data = ws.data();
    const ImportRun *run = ws.currentRun();
    if (!data || !run) {
        QMessageBox::information(parent, QObject::tr("Export"), QObject::tr("No import run to export."));
        return;
    }
    QString filter;
    QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export the import profile"), QString(),
        QObject::tr("speedscope (*.speedscope.json);;Chrome trace / Perfetto (*.trace.json)"), &filter);
    if (path.isEmpty())
        return;
    const bool chrome = filter.contains(QLatin1String("Chrome")) || path.endsWith(QLatin1String(".trace.json"));
    if (!path.endsWith(QLatin1String(".json")))
        path += chrome ? QStringLiteral(".trace.json") : QStringLiteral(".speedscope.json");
    const std::string name
        = QFileInfo(qs(data->path)).fileName().toStdString() + " run " + std::to_string(ws.run() + 1);
    const std::string text = jsonText(chrome ? chromeTraceJson(*data, *run, name) : speedscopeJson(*data, *run, name));
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), qint64(text.size())) != qint64(text.size())
        || !f.commit())
        QMessageBox::warning(parent, QObject::tr("Export"), f.errorString());
}

} // namespace coldscope
