package io.ipsc.dental.clinic;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The clock that says what "now" is for the clinic's rules (free slots start no earlier than now). A bean, so that a
 * test can stand in a clock it sets instead of racing the wall clock.
 */
public class ClinicClock {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
