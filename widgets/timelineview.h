// SPDX-License-Identifier: MIT
#pragma once

#include "timelinedata.h"
#include "workspace.h"

#include <QWidget>

#include <memory>
#include <optional>

class QCustomPlot;
class QCPItemRect;
class QCPItemStraightLine;
class QLabel;
class QMouseEvent;

namespace coldscope {

class InvocationBars;
class WaterfallView;

// The cold-start timeline: lanes of invocations over wall-clock time (QCustomPlot),
// init duration and duration per invocation with the 10 s INIT limit, a histogram of
// init durations, and the INIT waterfall of the selected cold start.
class TimelineView : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineView(Workspace *workspace, QWidget *parent = nullptr);
    ~TimelineView() override;

    const TimelineData &timeline() const { return m_timeline; }

    void selectInvocation(int invocation); // in the workspace: highlights, drills into a cold start
    int selectedInvocation() const { return m_selected; }
    // Invocation under a point of the lanes plot (widget coordinates of lanesPlot()).
    int invocationAt(const QPointF &pos) const;

    // Programmatic version of dragging on the time axis.
    void setTimeRange(TimeMs from, TimeMs to);
    std::pair<TimeMs, TimeMs> timeRange() const { return { m_rangeFrom, m_rangeTo }; }

    QCustomPlot *lanesPlot() const { return m_lanes; }
    QCustomPlot *metricsPlot() const { return m_metrics; }
    WaterfallView *waterfall() const { return m_waterfall; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuild();
    void showData();
    void showInvocation(int invocation);
    void showTimeRange(TimeMs from, TimeMs to);
    void onLanesPress(QMouseEvent *e);
    void onLanesMove(QMouseEvent *e);
    void onLanesRelease(QMouseEvent *e);
    void showRange();
    bool inTimeAxis(const QPointF &pos) const;

    Workspace *m_ws;
    std::shared_ptr<const LogData> m_data;
    TimelineData m_timeline;
    QCustomPlot *m_lanes;
    QCustomPlot *m_metrics;
    QCustomPlot *m_histogram;
    InvocationBars *m_bars = nullptr;
    QCPItemRect *m_rangeItem = nullptr;
    WaterfallView *m_waterfall;
    QLabel *m_caption;
    int m_selected = -1;
    TimeMs m_rangeFrom = kNoTime, m_rangeTo = kNoTime;
    bool m_selectingRange = false;
    double m_rangeAnchor = 0;
    bool m_syncing = false;
};

} // namespace coldscope
