// SPDX-License-Identifier: MIT
#include "icicleview.h"

#include <QScopedValueRollback>

namespace coldscope {

IcicleView::IcicleView(Workspace *workspace, QWidget *parent)
    : IciclePanel(parent)
    , m_ws(workspace)
{
    connect(m_ws, &Workspace::dataChanged, this, &IcicleView::showRun);
    connect(m_ws, &Workspace::runChanged, this, &IcicleView::showRun);
    connect(m_ws, &Workspace::nodeChanged, canvas(), &IcicleCanvas::setSelectedNode);
    connect(m_ws, &Workspace::zoomPathChanged, this, &IcicleView::showZoom);
    // While a file loads the canvas says so, not that the file has no importtime table.
    connect(m_ws, &Workspace::loadingStarted, this, [this] { canvas()->setEmptyText(tr("Loading…")); });
    for (auto done : { &Workspace::dataChanged, &Workspace::compareReady })
        connect(m_ws, done, this, [this] { canvas()->setEmptyText({}); });
    connect(m_ws, &Workspace::loadFailed, this, [this] { canvas()->setEmptyText({}); });
    connect(canvas(), &IcicleCanvas::nodeClicked, m_ws, &Workspace::selectNode);
    connect(canvas(), &IcicleCanvas::zoomChanged, this, [this] {
        if (!m_applying)
            m_ws->setZoomPath(canvas()->zoomPath());
    });
    if (m_ws->data())
        showRun(); // made for a workspace already in use: show its state
    if (m_ws->isLoading())
        canvas()->setEmptyText(tr("Loading…"));
}

void IcicleView::showRun()
{
    setRun(m_ws->data(), m_ws->run());
    canvas()->setSelectedNode(m_ws->node());
    showZoom();
}

void IcicleView::showZoom()
{
    const std::vector<int> &want = m_ws->zoomPath();
    if (canvas()->zoomPath() == want)
        return;
    const QScopedValueRollback<bool> applying(m_applying, true);
    while (canvas()->zoomOut()) { }
    for (int node : want)
        canvas()->zoomToNode(node);
}

} // namespace coldscope
