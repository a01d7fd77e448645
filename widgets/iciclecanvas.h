// SPDX-License-Identifier: MIT
#pragma once

#include "logdata.h"
#include "timeaxis.h"

#include <QPixmap>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

namespace coldscope {

// An icicle of one import run, painted with QPainter: x = time in import order,
// width = cumulative µs, one row per nesting depth, roots at the top.
// Layout, painting and input are split: layout is computed once per run, paint
// goes to a cached pixmap (selection and hover are drawn over it), hit-tests are a
// binary search per row.
class IcicleCanvas : public QWidget
{
    Q_OBJECT
public:
    enum class ColorMode { Package, SelfHeat, Custom };

    explicit IcicleCanvas(QWidget *parent = nullptr);

    void setRun(std::shared_ptr<const LogData> data, int run);
    const ImportRun *run() const;
    std::shared_ptr<const LogData> logData() const { return m_data; }

    void setColorMode(ColorMode mode);
    ColorMode colorMode() const { return m_mode; }
    // Custom colours per node (diff views); an empty vector falls back to packages.
    void setCustomColors(std::vector<QColor> colors, std::vector<std::uint8_t> hatched = {});

    // Search: dims every module that does not match (substring, or /regex/).
    void setSearch(const QString &pattern);
    const QString &search() const { return m_search; }
    std::int64_t matchedUs() const { return m_matchedUs; }
    int matchCount() const { return m_matchCount; }

    // Zoom so that `node` fills the width (-1: the whole run). Pushes history.
    void zoomToNode(int node);
    bool zoomOut(); // one step back; false at the top
    std::vector<int> zoomPath() const { return m_zoomStack; }
    TimeAxis axis() const { return m_axis; }

    void setSelectedNode(int node);
    int selectedNode() const { return m_selected; }
    int nodeAt(QPoint pos) const;
    QRectF nodeRect(int node) const; // in widget coordinates; empty if not visible
    int rowHeight() const { return m_rowHeight; }

    // Colour of a module's top-level package: stable across runs and files.
    // A node's label ("(unfinished import)" for a placeholder), and the colour it
    // gives its subtree when it is the top of one (placeholders are grey).
    static QString nodeName(const LogData &data, const ImportNode &node);
    static QColor subtreeColor(const LogData &data, const ImportNode &node);
    QColor colorOf(int node) const;
    // The biggest top-level packages of the run with their colours (the legend).
    std::vector<std::pair<QString, QColor>> legend(std::size_t max) const;

    // Paints the whole visible icicle into `image` (benchmarks, export); no cache.
    void paintTo(QPainter &p, const QRect &rect) const;
    int cacheBuilds() const { return m_cacheBuilds; }
    // What it says when there is no run to show ("Loading…"); empty: that the file has
    // no importtime table.
    void setEmptyText(const QString &text);
    QString emptyText() const;

signals:
    void nodeClicked(int node);
    void zoomChanged();

protected:
    void paintEvent(QPaintEvent *) override;
    void resizeEvent(QResizeEvent *) override;
    void mousePressEvent(QMouseEvent *) override;
    void mouseMoveEvent(QMouseEvent *) override;
    void mouseReleaseEvent(QMouseEvent *) override;
    void wheelEvent(QWheelEvent *) override;
    void keyPressEvent(QKeyEvent *) override;
    void leaveEvent(QEvent *) override;
    bool event(QEvent *) override;

private:
    void rebuildLayout();
    void invalidate();
    void resetAxis();
    QString nameOf(int node) const;
    void moveSelection(int node);

    std::shared_ptr<const LogData> m_data;
    int m_run = -1;
    ColorMode m_mode = ColorMode::Package;
    std::vector<QColor> m_custom;
    std::vector<std::uint8_t> m_hatched;
    std::vector<QColor> m_packageColors; // per node, cached
    std::vector<std::uint32_t> m_subtreeEnd; // pre-order: one past the last descendant
    std::vector<std::vector<std::uint32_t>> m_rows; // node ids per depth, by start
    std::vector<std::uint8_t> m_match; // search result per node
    QString m_search;
    QString m_emptyText;
    std::int64_t m_matchedUs = 0;
    int m_matchCount = 0;
    std::int64_t m_maxSelf = 1;
    TimeAxis m_axis;
    std::vector<int> m_zoomStack;
    int m_selected = -1;
    int m_hover = -1;
    int m_rowHeight = 20;
    QPixmap m_cache;
    bool m_cacheValid = false;
    int m_cacheBuilds = 0;
    QPoint m_pressPos;
    QPoint m_lastDrag;
    bool m_dragging = false;
};

} // namespace coldscope
