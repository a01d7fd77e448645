// SPDX-License-Identifier: MIT
#pragma once

#include "logdata.h"
#include "timeaxis.h"

#include <QWidget>

#include <memory>

namespace coldscope {

// The INIT of one cold start as a waterfall: the runtime's INIT phase, the
// top-level imports of its importtime run at their offsets (icicle colours), and
// the handler's invocation after it.
class WaterfallView : public QWidget
{
    Q_OBJECT
public:
    explicit WaterfallView(QWidget *parent = nullptr);

    // invocation < 0 with initPhase >= 0: an INIT that never served a request.
    void showColdStart(std::shared_ptr<const LogData> data, int invocation, int initPhase);
    void clear();

    struct Row {
        QString label;
        double startMs = 0;
        double lengthMs = 0;
        QColor color;
        int node = -1; // import node, -1 for the INIT/handler rows
    };
    const std::vector<Row> &rows() const { return m_rows; }
    int run() const { return m_run; }
    int rowAt(QPoint pos) const;
    QSize sizeHint() const override;
    // Imports in the order they ran, or (default) longest cumulative time first.
    void setImportOrder(bool importOrder);
    bool importOrder() const { return m_importOrder; }
    // Widths of the label column and of the value column (each fits its widest text).
    int labelWidth() const { return m_labelWidth; }
    int valueWidth() const { return m_valueWidth; }
    static QString valueText(double ms); // a row's value as written after its bar

signals:
    void importClicked(int run, int node);

protected:
    void paintEvent(QPaintEvent *) override;
    void mouseReleaseEvent(QMouseEvent *) override;
    bool event(QEvent *) override;

private:
    TimeAxis axis() const;
    void arrange(); // sort and measure m_rows

    std::vector<Row> m_rows;
    QString m_title;
    int m_run = -1;
    int m_rowHeight = 18;
    int m_labelWidth = 220;
    int m_valueWidth = 60;
    bool m_importOrder = false;
};

} // namespace coldscope
