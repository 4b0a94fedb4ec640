package io.ipsc.local;

import java.nio.file.Path;

/** A service that exited or never became ready; its log tells why. */
public final class StartupFailure extends Exception {

    private final Path log;

    public StartupFailure(String message, Path log) {
        super(message);
        this.log = log;
    }

    public Path log() {
        return log;
    }
}
