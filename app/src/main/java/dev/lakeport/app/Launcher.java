package dev.lakeport.app;

import javafx.application.Application;

/**
 * The desktop's entry point. A main class that is not an {@link Application} lets the app start from a plain class
 * path; it also points the log files at the OS's log folder before anything logs.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        AppDirs dirs = AppDirs.detect();
        if (System.getProperty("lakeport.logDir") == null) {
            System.setProperty("lakeport.logDir", dirs.logs().toString());
        }
        Application.launch(LakeportApplication.class, args);
        // A keyring's bus connection can hold a non-daemon thread; the window is closed and the project saved.
        System.exit(0);
    }
}
