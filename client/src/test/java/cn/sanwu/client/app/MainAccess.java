package cn.sanwu.client.app;

import java.io.PrintStream;

/** Lets tests in other packages run the command line in-process. */
public final class MainAccess {

    private MainAccess() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Main.run(args, out, err);
    }
}
