package io.ipsc.local;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The launcher's own messages in its log, timed so that a slow start shows where the time went. */
final class Console {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private Console() {
    }

    static void info(String message) {
        System.out.println(prefix() + message);
    }

    static void error(String message) {
        System.err.println(prefix() + message);
    }

    private static String prefix() {
        return LocalTime.now().format(TIME) + " ipsc: ";
    }
}
