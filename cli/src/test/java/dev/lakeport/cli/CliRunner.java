package dev.lakeport.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures what it prints. */
final class CliRunner {
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private CliRunner() {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = LakeportCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "--quiet";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        return new Result(code, out.toString(), err.toString());
    }
}
