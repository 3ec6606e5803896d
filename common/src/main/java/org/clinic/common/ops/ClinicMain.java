package org.clinic.common.ops;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.jboss.logging.Logger;
import sun.misc.Signal;

/**
 * The entry point of every service. Two things Quarkus does not do on the JVM: SIGTERM (Kubernetes stopping a pod)
 * runs the graceful shutdown (readiness down, a delay, in-flight requests finished, pools closed) and exits 0, not
 * the JVM's 143; and a start that fails on configuration prints one line per bad setting naming its environment
 * variable ({@link StartupFailure}), not a stack trace.
 */
@QuarkusMain
public final class ClinicMain {

    ClinicMain() {}

    public static void main(String... args) {
        exitCleanlyOn("TERM");
        exitCleanlyOn("INT");
        Quarkus.run(null, ClinicMain::exit, args);
    }

    private static void exitCleanlyOn(String signal) {
        try {
            Signal.handle(new Signal(signal), received -> Quarkus.asyncExit(0));
        } catch (IllegalArgumentException e) {
            // the signal is in use by the JVM itself (e.g. -Xrs): its default handling stays
        }
    }

    private static void exit(int code, Throwable failure) {
        if (failure != null) {
            String lines = StartupFailure.configurationProblems(failure);
            if (lines != null) {
                System.err.println(lines);
                System.err.flush();
                System.exit(code == 0 ? 1 : code);
            }
            Logger.getLogger(ClinicMain.class).error("Failed to start", failure);
        }
        System.exit(code);
    }
}
