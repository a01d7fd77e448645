// SPDX-License-Identifier: MIT
#pragma once

#include "jobtracker.h"
#include "lanes.h"
#include "timelinedata.h"
#include "workspace.h"

#include <QWidget>

#include <atomic>
#include <functional>

#include <memory>
#include <optional>

class QCustomPlot;
class QCPAxisRect;
class QCPItemRect;
class QCPItemStraightLine;
class QCheckBox;
class QLabel;
class QMouseEvent;
class QScrollBar;
class QSplitter;
class QWheelEvent;

namespace coldscope {

class InvocationBars;
class WaterfallView;

// The cold-start timeline: an overview strip of the whole file (environments alive,
// busy and in INIT; cold starts, timeouts and errors per bin) that picks the range of
// the detail below it; the detail's packed rows of environments (environments that
// never overlap share a row) with one bar per invocation (QCustomPlot); init duration
// and duration per invocation with the 10 s INIT limit, a histogram of init durations,
// and the INIT waterfall of the selected cold start in a resizable split.
// Keys: C / T / E next cold start / timeout / error, with Shift the previous one.
class TimelineView : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineView(Workspace *workspace, QWidget *parent = nullptr);
    ~TimelineView() override;

    const TimelineData &timeline() const
    {
        ensureBuilt();
        return m_timeline;
    }

    void selectInvocation(int invocation); // in the workspace: highlights, drills into a cold start
    int selectedInvocation() const { return m_selected; }
    // Invocation under a point of the lanes plot (widget coordinates of lanesPlot()):
    // the nearest bar of the row within a few pixels.
    int invocationAt(const QPointF &pos) const;
    // Environments packed into rows: row r of the detail is rows().rows[r].
    const LaneRows &rows() const
    {
        ensureBuilt();
        return m_rows;
    }
    const TimelineOverview &overviewData() const
    {
        ensureBuilt();
        return m_overviewData;
    }
    // Selects the next (dir > 0) or previous bar with `mark` in time order, from the
    // selection; brings it into view. False when there is none.
    bool step(BarMark mark, int dir);
    // The detail's visible rows, top first (rows in lanesPlot()'s value coordinates).
    void setRowWindow(double top, double span);
    std::pair<double, double> rowWindow() const;

    // For a figure: shows the whole file (every row, the whole time span) and returns what
    // puts the view back as it was. The workspace's selection and range are untouched.
    std::function<void()> showWholeExtent();

    // Programmatic version of dragging on the time axis.
    void setTimeRange(TimeMs from, TimeMs to);
    std::pair<TimeMs, TimeMs> timeRange() const { return { m_rangeFrom, m_rangeTo }; }

    QCustomPlot *lanesPlot() const { return m_lanes; }
    QCustomPlot *metricsPlot() const { return m_metrics; }
    QCustomPlot *overviewPlot() const { return m_overview; }
    WaterfallView *waterfall() const { return m_waterfall; }
    QWidget *waterfallPane() const { return m_waterfallPane; }
    QCheckBox *importOrderToggle() const { return m_importOrder; }
    // The timeline of new data (or a new function) is built on a worker once the view is
    // shown; the accessors above build it at once when asked before it is ready.
    bool isBuilding() const { return m_building; }

signals:
    void timelineBuilt(); // a build on the worker was applied

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *e) override;
    void resizeEvent(QResizeEvent *e) override;
    void showEvent(QShowEvent *e) override;

private:
    // A new log (or function) reaches a hidden timeline as a flag: it is built when it is
    // first shown or asked for, so the window paints its first figures without waiting
    // for the timeline of a million invocations.
    void ensureBuilt() const;
    void rebuildWhenShown();
    void rebuild(); // build() and apply() here
    struct Built;
    // Cancelled (the flag raised): null, at the next of its steps.
    static std::shared_ptr<Built> build(
        std::shared_ptr<const LogData> data, std::optional<std::uint32_t> function, const std::atomic<bool> *cancel);
    void startBuild();
    void apply(std::shared_ptr<Built> built);
    void showData();
    void showInvocation(int invocation);
    void showTimeRange(TimeMs from, TimeMs to);
    void onLanesPress(QMouseEvent *e);
    void onLanesMove(QMouseEvent *e);
    void onLanesRelease(QMouseEvent *e);
    void showRange();
    void showWholeTime(); // the detail over the whole file, with a margin
    bool inTimeAxis(const QPointF &pos) const;
    void fitRows();
    double rowsHeight() const;
    void updateRowLabels();
    void showDetailRange();
    void ensureVisible(int lane, int bar);
    void applySplit();
    bool onOverviewMouse(QEvent *e);
    bool onLanesWheel(QWheelEvent *e);
    QString laneLabel(std::uint32_t lane) const; // function and short stream id
    // The rows and the row window as applied, for the view's own drawing and layout:
    // unlike the public accessors they never build (a resize while the worker builds
    // lays out the empty view).
    int rowCount() const { return int(m_rows.rows.size()); }
    std::pair<double, double> rowsShown() const;
    void setRowsShown(double top, double span);

    Workspace *m_ws;
    std::shared_ptr<const LogData> m_data;
    TimelineData m_timeline;
    QCustomPlot *m_lanes;
    QCustomPlot *m_metrics;
    QCustomPlot *m_histogram;
    QCustomPlot *m_overview;
    InvocationBars *m_bars = nullptr;
    QCPItemRect *m_rangeItem = nullptr;
    QCPAxisRect *m_overviewCounts; // the overview's lower band: counts per bin
    QCPItemRect *m_detailItem = nullptr; // the detail's range on the overview's bands
    QCPItemRect *m_detailCountsItem = nullptr;
    WaterfallView *m_waterfall;
    QWidget *m_waterfallPane;
    QCheckBox *m_importOrder;
    QScrollBar *m_rowScroll;
    QSplitter *m_split;
    QLabel *m_caption;
    LaneRows m_rows;
    TimelineOverview m_overviewData;
    std::vector<BarRef> m_order; // every bar in time order
    std::vector<int> m_positionOf; // by invocation: its position in m_order, -1 if none
    int m_cursor = -1; // position in m_order of the selected bar
    bool m_stale = false; // data changed while hidden: rebuild before use
    bool m_userSplit = false; // the user moved the split: keep it
    bool m_userRows = false; // the user zoomed the rows: keep their span
    double m_overviewAnchor = 0;
    bool m_overviewDragging = false;
    int m_selected = -1;
    TimeMs m_rangeFrom = kNoTime, m_rangeTo = kNoTime;
    bool m_selectingRange = false;
    double m_rangeAnchor = 0;
    bool m_syncing = false;
    bool m_building = false; // a build runs on m_build
    JobTracker m_build { this }; // last: joined before the members its result writes go
};

} // namespace coldscope
