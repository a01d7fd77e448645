// SPDX-License-Identifier: MIT
// The main window on the offscreen platform: sample, drag-and-drop, linked selection.
#include "testutil.h"

#include "detailspane.h"
#include "eventspanel.h"
#include "importtreepanel.h"
#include "mainwindow.h"

#include <QApplication>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFontDatabase>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeView>
#include <QUrl>

using namespace coldscope;

class TstMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings and recent files go to a test location
        // Text must render with a real font, not boxes.
        QVERIFY(!QFontDatabase::families().isEmpty());
        QVERIFY(QFontMetrics(QApplication::font()).inFont(QLatin1Char('A')));
        QVERIFY(QFontMetrics(QApplication::font()).inFont(QChar(0x00B5))); // µ
    }

    void opensTheBundledSample()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QSignalSpy loaded(&w, &MainWindow::fileLoaded);
        w.openSample();
        QVERIFY(loaded.wait(30000));
        QVERIFY(w.logData());
        QCOMPARE(w.logData()->runs.size(), std::size_t(10));
        QVERIFY(w.importTree()->view()->model()->rowCount() > 10);
        QVERIFY(w.statusText().contains(QLatin1String("lambda-text")));
        QVERIFY(w.statusText().contains(QLatin1String("6,138 events")));
        QCOMPARE(w.importTree()->runSelector()->count(), 10);
        const QImage shot = w.grab().toImage();
        QVERIFY(!shot.isNull());
        shot.save(QStringLiteral("mainwindow-sample.png"));
    }

    void dropAFileOnTheWindow()
    {
        MainWindow w;
        w.show();
        const QString path = testutil::fixture(QStringLiteral("importtime/pandas.log"));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        const QPoint at = w.rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy loaded(&w, &MainWindow::fileLoaded);
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        QVERIFY(drop.isAccepted());
        QVERIFY(loaded.wait(30000));
        QCOMPARE(loaded.first().first().toString(), path);
        const auto ref = testutil::referenceImportLines(testutil::readAll(path));
        QCOMPARE(w.logData()->runs.front().imports, qint64(ref.size()));
        QVERIFY(w.statusText().contains(QLatin1String("importtime")));
        // A drop of something that is not a file is refused.
        QMimeData text;
        text.setText(QStringLiteral("hello"));
        QDragEnterEvent refuse(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &refuse);
        QVERIFY(!refuse.isAccepted());
    }

    void badFileGetsAClearMessage()
    {
        MainWindow w;
        QSignalSpy failed(&w, &MainWindow::loadFailed);
        w.openFile(testutil::fixture(QStringLiteral("README.md")));
        QVERIFY(failed.wait(30000));
        QVERIFY(failed.first().first().toString().contains(QLatin1String("README.md")));
        QVERIFY(w.details()->toPlainText().contains(QLatin1String("not a Lambda or importtime log")));
    }

    void selectionFollowsAcrossViews()
    {
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::fileLoaded);
        w.openFile(testutil::fixture(QStringLiteral("lambda/generated/text-importtime-6000-seed2.log")));
        QVERIFY(loaded.wait(30000));
        const auto data = w.logData();
        // Pick the importtime line of "numpy" in the third run and select it in the events table.
        const ImportRun &run = data->runs[2];
        int node = -1;
        for (std::size_t n = 0; n < run.nodes.size(); ++n)
            if (data->moduleName(run.nodes[n]) == "numpy")
                node = int(n);
        QVERIFY(node >= 0);
        QVERIFY(w.events()->selectEvent(run.nodes[std::size_t(node)].event));
        QCOMPARE(w.importTree()->currentRun(), 2);
        QCOMPARE(w.importTree()->selectedNode(), node);
        QVERIFY(w.details()->toPlainText().contains(QLatin1String("numpy")));
        // Filtering the tree keeps the match and its ancestors.
        w.importTree()->filterEdit()->setText(QStringLiteral("numpy.linalg"));
        QTRY_VERIFY(w.importTree()->proxy()->rowCount() > 0);
        // Function filter offers no choice for a one-function log; level filter works.
        w.events()->levelFilter()->setCurrentIndex(w.events()->levelFilter()->findData(int(Level::Error)));
        QVERIFY(w.events()->view()->model()->rowCount() > 0);
        for (int r = 0; r < w.events()->view()->model()->rowCount(); ++r)
            QVERIFY(data->events.level[std::size_t(w.events()->model()->eventAt(r))] >= Level::Error);
        // Large files filter on a worker thread: the same rows arrive, later.
        const int errors = w.events()->model()->rowCount();
        w.events()->setSyncLimit(0);
        QSignalSpy filtered(w.events(), &EventsPanel::filtered);
        w.events()->levelFilter()->setCurrentIndex(w.events()->levelFilter()->findData(int(Level::Warn)));
        w.events()->levelFilter()->setCurrentIndex(w.events()->levelFilter()->findData(int(Level::Error)));
        QVERIFY(filtered.wait(30000));
        QTRY_VERIFY(!w.events()->isFiltering());
        QCOMPARE(w.events()->model()->rowCount(), errors); // the newest request won
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
