// SPDX-License-Identifier: MIT
#include "findingspanel.h"

#include "findingsettings.h"
#include "format.h"
#include "qtstrings.h"
#include "style.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTextDocument>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace coldscope {

namespace {

// The one unit rule of the Details pane and the header (formatMs): ms below 10 s.
QString ms(double v)
{
    return qs(formatMs(v, 0));
}

QString pct(double fraction)
{
    return QStringLiteral("%1 %").arg(100.0 * fraction, 0, 'f', fraction < 0.1 ? 1 : 0);
}

// `v` with `significant` digits, in fixed notation (prices are tiny: no exponents).
QString decimal(double v, int significant)
{
    if (v == 0 || !std::isfinite(v))
        return QStringLiteral("0");
    const int magnitude = int(std::floor(std::log10(std::abs(v))));
    QString s = QString::number(v, 'f', std::clamp(significant - 1 - magnitude, 0, 12));
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s;
}

QString usd(double v, int significant = 3)
{
    return QLatin1Char('$') + (v >= 1 ? QString::number(v, 'f', 2) : decimal(v, significant));
}

// One compact line: what a function's findings rest on.
QString figuresLine(const FunctionAdvice &f, const AdviceSettings &s)
{
    QStringList parts;
    if (f.hasInvocations)
        parts << QObject::tr("%1 invocations, %2 cold starts").arg(f.invocations).arg(f.coldStarts);
    if (f.hasInit) {
        QString init
            = QObject::tr("INIT p50 %1, p99 %2 of the %3 limit").arg(ms(f.initP50), ms(f.initP99), ms(s.initLimitMs));
        if (f.initTimeouts)
            init += QObject::tr(" (%1 timed out)").arg(f.initTimeouts);
        parts << init;
    }
    if (f.medianImportShare)
        parts << QObject::tr("imports %1 of INIT").arg(pct(*f.medianImportShare));
    else if (f.importRuns)
        parts << QObject::tr("imports %1 (median)").arg(ms(f.medianImportTotalMs));
    if (f.hasMemory && std::isfinite(f.utilisation))
        parts << QObject::tr("memory %1 of %2 MB").arg(pct(f.utilisation)).arg(f.memorySizeMB);
    if (f.hasCost)
        parts << QObject::tr("%1 GB-s = %2 at %3 per GB-s")
                     .arg(f.billedGbS >= 1000 ? QString::number(f.billedGbS, 'f', 0) : decimal(f.billedGbS, 4),
                         usd(f.usd), usd(s.pricePerGbS, 6));
    const QString name = f.function.empty() ? QObject::tr("The log") : qs(f.function);
    return QStringLiteral("<b>%1</b> &nbsp;%2")
        .arg(name.toHtmlEscaped(), parts.join(QStringLiteral(" · ")).toHtmlEscaped());
}

QString severityLabel(Severity s)
{
    return qs(severityName(s)).toUpper();
}

} // namespace

FindingsPanel::FindingsPanel(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_ws(workspace)
    , m_settings(loadAdviceSettings())
    , m_state(new QLabel(this))
    , m_figures(new QLabel(this))
    , m_scroll(new QScrollArea(this))
{
    auto *settings = new QPushButton(tr("Settings…"), this);
    settings->setToolTip(tr("The price per GB-s and the thresholds of the findings"));
    connect(settings, &QPushButton::clicked, this, &FindingsPanel::editSettings);
    auto *heading = new QLabel(tr("<b>What to fix first</b> — worst first: severity, then the estimated ms saved per "
                                  "cold start"),
        this);
    heading->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->addWidget(heading, 1);
    top->addWidget(settings);
    m_state->setWordWrap(true);
    m_state->setMargin(6);
    m_figures->setWordWrap(true);
    m_figures->setTextFormat(Qt::RichText);
    m_figures->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_figures);
    layout->addWidget(m_state);
    layout->addWidget(m_scroll, 1);
    connect(m_ws, &Workspace::dataChanged, this, &FindingsPanel::recompute);
    connect(m_ws, &Workspace::comparisonChanged, this, &FindingsPanel::recompute);
    // The empty state says whether a file is loading.
    auto loadingChanged = [this] {
        if (!m_ws->data() && !m_ws->comparison())
            rebuild();
    };
    connect(m_ws, &Workspace::loadingStarted, this, loadingChanged);
    connect(m_ws, &Workspace::loadFailed, this, loadingChanged);
    recompute();
}

void FindingsPanel::setSettings(const AdviceSettings &settings)
{
    m_settings = settings;
    saveAdviceSettings(settings);
    recompute();
}

void FindingsPanel::editSettings()
{
    auto *dialog = new FindingsSettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { setSettings(dialog->settings()); });
    dialog->open();
}

void FindingsPanel::recompute()
{
    // A pure function over the loaded log: the load (on its worker) has finished when
    // the workspace says so. A big log's advice is worked out on a worker, so the
    // window paints its summary first; a small one's right here.
    AdviceInput in = adviceInput(*m_ws, m_settings);
    if (!in.data || in.invocations() < m_backgroundFrom) {
        m_jobs.discard();
        m_working = false;
        m_advice = in.advise();
        rebuild();
        return;
    }
    m_working = true;
    m_advice = Advice {};
    m_advice.settings = m_settings;
    rebuild();
    m_jobs.start([in = std::move(in)](const std::atomic<bool> &) { return in.advise(); },
        [this](Advice advice, bool cancelled) {
            m_working = false;
            if (!cancelled)
                m_advice = std::move(advice);
            rebuild();
        });
}

void FindingsPanel::rebuild()
{
    m_rebuilding = true;
    m_cards.clear();
    auto *inner = new QWidget(this); // inherits the font and palette before it is in the scroll area
    auto *list = new QVBoxLayout(inner);
    list->setContentsMargins(0, 0, 0, 0);
    const bool loaded = m_ws->data() || m_ws->comparison();
    QStringList lines;
    for (const FunctionAdvice &f : m_advice.functions)
        lines << figuresLine(f, m_advice.settings);
    m_figures->setText(lines.join(QStringLiteral("<br>")));
    m_figures->setVisible(!lines.isEmpty());
    const auto all = m_advice.all();
    if (m_working)
        m_state->setText(tr("Working out the findings…"));
    else if (!loaded && m_ws->isLoading()) // the first log: a big one takes a second or more
        m_state->setText(tr("Loading %1…").arg(QFileInfo(m_ws->loadingLabel()).fileName()));
    else if (!loaded)
        m_state->setText(tr("No log yet. Open one (File > Open…, or drop it on the window), or the bundled sample: "
                            "the findings show here, worst first, with the figures they rest on."));
    else if (all.empty())
        m_state->setText(tr("No findings: nothing crossed a threshold (Settings… to change them)."));
    else
        m_state->clear();
    m_state->setVisible(!m_state->text().isEmpty());
    const QPalette pal = palette();
    for (const Finding *f : all) {
        Card c;
        c.finding = f;
        auto *frame = new QFrame(inner);
        frame->setFrameShape(QFrame::StyledPanel);
        auto *grid = new QVBoxLayout(frame);
        auto *head = new QHBoxLayout;
        const style::Chip chip = style::findingChip(int(f->severity), pal);
        c.chip = new QLabel(severityLabel(f->severity), frame);
        c.chip->setStyleSheet(QStringLiteral("QLabel{background:%1;color:%2;border-radius:3px;padding:1px 8px;"
                                             "font-weight:bold}")
                                  .arg(chip.background.name(), chip.text.name()));
        c.chip->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
        c.title = new QLabel(frame);
        c.title->setTextFormat(Qt::PlainText);
        c.title->setText(qs(f->title));
        c.title->setWordWrap(true);
        QFont bold = c.title->font();
        bold.setBold(true);
        bold.setPointSizeF(bold.pointSizeF() * 1.15);
        c.title->setFont(bold);
        head->addWidget(c.chip, 0, Qt::AlignTop);
        head->addWidget(c.title, 1);
        if (f->savingMs > 0) {
            auto *saving = new QLabel(tr("~%1 per cold start").arg(ms(f->savingMs)), frame);
            saving->setToolTip(tr("Estimated time saved per cold start by fixing it"));
            head->addWidget(saving, 0, Qt::AlignTop);
        }
        grid->addLayout(head);
        c.detail = new QLabel(frame);
        c.detail->setTextFormat(Qt::PlainText);
        c.detail->setText(qs(f->detail));
        c.detail->setWordWrap(true);
        c.detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(c.detail);
        const Evidence &e = f->evidence;
        QString label;
        if (!e.modules.empty())
            label = tr("Show %1 in Imports").arg(qs(e.modules.front()));
        else if (!e.invocations.empty())
            label = e.invocations.size() > 1
                ? tr("Show the worst of %1 invocations in Timeline").arg(e.invocations.size())
                : tr("Show the invocation in Timeline");
        else if (!e.initPhases.empty())
            label = e.initPhases.size() > 1 ? tr("Show the first of %1 INITs in Timeline").arg(e.initPhases.size())
                                            : tr("Show the INIT in Timeline");
        else if (!e.query.empty())
            label = tr("Run the query in Search");
        if (!label.isEmpty()) {
            auto *buttons = new QHBoxLayout;
            buttons->addStretch(1);
            if (!e.query.empty() && label != tr("Run the query in Search")) {
                auto *q = new QPushButton(tr("Query in Search"), frame);
                q->setToolTip(qs(e.query));
                connect(q, &QPushButton::clicked, this, [this, query = qs(e.query)] { m_ws->requestQuery(query); });
                buttons->addWidget(q);
            }
            auto *b = new QPushButton(label, frame);
            const int index = int(m_cards.size());
            connect(b, &QPushButton::clicked, this, [this, index] { showEvidence(index); });
            buttons->addWidget(b);
            c.button = b;
            grid->addLayout(buttons);
        }
        c.frame = frame;
        list->addWidget(frame);
        m_cards.push_back(c);
    }
    list->addStretch(1);
    m_scroll->setWidget(inner); // deletes the previous cards
    m_rebuilding = false;
}

void FindingsPanel::showEvidence(int card)
{
    if (card < 0 || std::size_t(card) >= m_cards.size())
        return;
    const Finding &finding = *m_cards[std::size_t(card)].finding;
    const Evidence &e = finding.evidence;
    // Modules and indices are of the advised log: build B when two builds are compared.
    auto data = m_ws->data();
    if (data && data->path != m_advice.file)
        data.reset();
    // A regression is a finding about the comparison: shown there (the other findings of
    // build B show in its tabs, which the window shows while comparing).
    const bool aboutTheComparison = m_ws->comparison() && finding.id == "regression";
    if ((aboutTheComparison || !data) && m_ws->comparison() && (!e.modules.empty() || !e.invocations.empty())) {
        m_ws->setCurrentView(tr("Compare"));
        return;
    }
    if (!e.modules.empty() && data) {
        m_ws->setCurrentView(tr("Imports"));
        if (!m_ws->selectModule(e.modules.front()))
            for (std::size_t r = 0; r < data->runs.size(); ++r) {
                m_ws->setRun(int(r));
                if (m_ws->selectModule(e.modules.front()))
                    break;
            }
    } else if (!e.invocations.empty() && data) {
        m_ws->setCurrentView(tr("Timeline"));
        m_ws->selectInvocation(e.invocations.front());
    } else if (!e.initPhases.empty() && data) {
        // An INIT with no invocation (a timed-out one): its INIT_REPORT line, on the timeline.
        m_ws->setCurrentView(tr("Timeline"));
        const InitPhase &phase = data->initPhases.at(std::size_t(e.initPhases.front()));
        if (phase.invocation >= 0)
            m_ws->selectInvocation(phase.invocation);
        else
            m_ws->selectEvent(int(phase.startEvent));
    } else if (!e.query.empty()) {
        m_ws->requestQuery(qs(e.query));
    }
}

QString FindingsPanel::stateText() const
{
    return m_state->text();
}

QString FindingsPanel::figuresText() const
{
    QTextDocument doc;
    doc.setHtml(m_figures->text());
    return doc.toPlainText();
}

QString FindingsPanel::cardText(int card) const
{
    const Card &c = m_cards.at(std::size_t(card));
    return QStringList { c.chip->text(), c.title->text(), c.detail->text() }.join(QLatin1Char('\n'));
}

QAbstractButton *FindingsPanel::evidenceButton(int card) const
{
    return m_cards.at(std::size_t(card)).button;
}

QLabel *FindingsPanel::chip(int card) const
{
    return m_cards.at(std::size_t(card)).chip;
}

void FindingsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if ((event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) && !m_rebuilding)
        rebuild(); // the chips and titles follow a dark palette, presentation mode's font
}

FindingsSettingsDialog::FindingsSettingsDialog(const AdviceSettings &settings, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Findings settings"));
    auto box = [this](double max, int decimals, const QString &suffix) {
        auto *b = new QDoubleSpinBox(this);
        b->setRange(0, max);
        b->setDecimals(decimals);
        b->setSuffix(suffix);
        return b;
    };
    m_price = box(1, 10, tr(" USD per GB-s"));
    m_price->setSingleStep(0.000001);
    m_initLimit = box(600000, 0, tr(" ms"));
    m_headroom = box(600000, 0, tr(" ms"));
    m_importShare = box(100, 1, tr(" %"));
    m_heavyImport = box(100, 1, tr(" %"));
    m_memoryLow = box(100, 1, tr(" %"));
    m_memoryHigh = box(100, 1, tr(" %"));
    m_coldStarts = box(100, 1, tr(" %"));
    m_regression = box(1000, 1, tr(" %"));
    m_regressionCritical = box(1000, 1, tr(" %"));
    auto *form = new QFormLayout;
    form->addRow(tr("Price (an input, not a fact of the log):"), m_price);
    form->addRow(tr("INIT limit:"), m_initLimit);
    form->addRow(tr("INIT headroom: p99 at or above"), m_headroom);
    form->addRow(tr("Imports dominate INIT: median share above"), m_importShare);
    form->addRow(tr("Heavy import: share of INIT above"), m_heavyImport);
    form->addRow(tr("Memory over-provisioned: use at or below"), m_memoryLow);
    form->addRow(tr("Memory pressure: use at or above"), m_memoryHigh);
    form->addRow(tr("Cold-start ratio above"), m_coldStarts);
    form->addRow(tr("Regression: import change beyond"), m_regression);
    form->addRow(tr("Regression is critical beyond"), m_regressionCritical);
    auto *buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
        [this] { show(AdviceSettings {}); });
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    show(settings);
}

void FindingsSettingsDialog::show(const AdviceSettings &s)
{
    m_price->setValue(s.pricePerGbS);
    m_initLimit->setValue(s.initLimitMs);
    m_headroom->setValue(s.headroomP99Ms);
    m_importShare->setValue(100 * s.importShare);
    m_heavyImport->setValue(100 * s.heavyImportShare);
    m_memoryLow->setValue(100 * s.memoryLow);
    m_memoryHigh->setValue(100 * s.memoryHigh);
    m_coldStarts->setValue(100 * s.coldStartRatio);
    m_regression->setValue(s.regressionPct);
    m_regressionCritical->setValue(s.regressionCriticalPct);
}

AdviceSettings FindingsSettingsDialog::settings() const
{
    AdviceSettings s;
    s.pricePerGbS = m_price->value();
    s.initLimitMs = m_initLimit->value();
    s.headroomP99Ms = m_headroom->value();
    s.importShare = m_importShare->value() / 100;
    s.heavyImportShare = m_heavyImport->value() / 100;
    s.memoryLow = m_memoryLow->value() / 100;
    s.memoryHigh = m_memoryHigh->value() / 100;
    s.coldStartRatio = m_coldStarts->value() / 100;
    s.regressionPct = m_regression->value();
    s.regressionCriticalPct = m_regressionCritical->value();
    return s;
}

} // namespace coldscope
