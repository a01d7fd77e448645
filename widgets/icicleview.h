// SPDX-License-Identifier: MIT
#pragma once

#include "iciclepanel.h"
#include "workspace.h"

namespace coldscope {

// The Imports tab's icicle: the workspace's run, its selected node (a click selects,
// the tree follows) and its zoom path (kept in sessions).
class IcicleView : public IciclePanel
{
    Q_OBJECT
public:
    explicit IcicleView(Workspace *workspace, QWidget *parent = nullptr);

private:
    void showRun();
    void showZoom();

    Workspace *m_ws;
    bool m_applying = false; // zooming to the workspace's path: do not write it back
};

} // namespace coldscope
