// SPDX-License-Identifier: MIT
#include "cli.h"
#include "mainwindow.h"
#include "qtenv.h"
#include "render.h"

#include <QApplication>
#include <QIcon>

#include <string>
#include <vector>

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (coldscope::cli::isCommand(args))
        return coldscope::cli::run(args); // headless: no QApplication, no display needed
    if (!args.empty() && args[0] == "render")
        return coldscope::renderCommand(argc, argv, args); // offscreen: no display needed
    if (!args.empty() && args[0] == "report")
        return coldscope::reportCommand(argc, argv, args); // offscreen, for the pictures

    coldscope::prepareQtEnvironment();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("coldscope"));
    QApplication::setOrganizationName(QStringLiteral("coldscope"));
    QApplication::setApplicationVersion(QStringLiteral(COLDSCOPE_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/coldscope.svg")));
    coldscope::MainWindow window;
    window.show();
    const QStringList files = QApplication::arguments().mid(1);
    if (files.size() >= 2)
        window.workspace()->compareFiles(files[0], files[1]); // coldscope A B: compare two builds
    else if (!files.isEmpty())
        window.workspace()->openFile(files.first());
    else
        window.workspace()->openSample();
    return app.exec();
}
