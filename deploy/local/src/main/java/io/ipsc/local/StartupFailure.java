package io.ipsc.local;

import java.nio.file.Path;

/** A service that exited or never became ready; its log, from {@code logStart} on, tells why. */
public final class StartupFailure extends Exception {

    private final Path log;
    private final long logStart;

    public StartupFailure(String message, Path log, long logStart) {
        super(message);
        this.log = log;
        this.logStart = logStart;
    }

    public Path log() {
        return log;
    }

    public long logStart() {
        return logStart;
    }
}
