// SPDX-License-Identifier: MIT
#include "cli.h"
#include "mainwindow.h"
#include "qtenv.h"
#include "render.h"
#include "workspace.h"

#include <QApplication>
#include <QFile>
#include <QIcon>

#include <string>
#include <vector>

namespace {

// coldscope [FILE] / coldscope A B: cli::run has checked that the files exist.
int openWindow(int argc, char **argv, const std::vector<std::string> &files)
{
    coldscope::prepareQtEnvironment();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("coldscope"));
    QApplication::setOrganizationName(QStringLiteral("coldscope"));
    QApplication::setApplicationVersion(QStringLiteral(COLDSCOPE_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/coldscope.svg")));
    // One log: its load starts first and runs while the window is built (~20 ms).
    coldscope::Workspace workspace;
    const bool started = files.size() == 1 && workspace.openFileBeforeViews(QFile::decodeName(files[0].c_str()));
    coldscope::MainWindow window(&workspace);
    window.show();
    if (files.size() == 2)
        window.workspace()->compareFiles(QFile::decodeName(files[0].c_str()), QFile::decodeName(files[1].c_str()));
    else if (files.size() == 1 && !started)
        window.workspace()->openFile(QFile::decodeName(files[0].c_str()));
    else if (files.empty())
        window.workspace()->openSample();
    return app.exec();
}

} // namespace

int main(int argc, char **argv)
{
    using coldscope::cli::Args;
    // The table (app/cli) declares every command; the ones that need a QApplication are
    // run here, where Qt is linked. Headless commands need no display.
    coldscope::cli::GuiHandlers gui;
    gui.commands["render"] = [&](const Args &a) { return coldscope::renderCommand(argc, argv, a); };
    gui.commands["report"] = [&](const Args &a) { return coldscope::reportCommand(argc, argv, a); };
    gui.window = [&](const std::vector<std::string> &files) { return openWindow(argc, argv, files); };
    return coldscope::cli::run(std::vector<std::string>(argv + 1, argv + argc), gui);
}
