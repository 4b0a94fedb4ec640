package io.ipsc.web.settings;

import io.ipsc.client.model.ClinicHours;
import org.jboss.resteasy.reactive.RestForm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The clinic's hours under dental-service's names (so its field errors land at the field); every field is sent. */
public class ClinicForm {

    /** The weekdays the form offers to close on, Monday first, under the API's names. */
    public static final List<String> WEEKDAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    @RestForm("time_zone") public String timeZone = "";
    @RestForm("clinic_opens") public String clinicOpens = "";
    @RestForm("clinic_closes") public String clinicCloses = "";
    @RestForm("clinic_closed_days") public List<String> clinicClosedDays = new ArrayList<>();

    static ClinicForm of(ClinicHours hours) {
        ClinicForm form = new ClinicForm();
        form.timeZone = Objects.toString(hours.getTimeZone(), "");
        form.clinicOpens = Objects.toString(hours.getClinicOpens(), "");
        form.clinicCloses = Objects.toString(hours.getClinicCloses(), "");
        form.clinicClosedDays = hours.getClinicClosedDays() == null ? List.of() : List.copyOf(hours.getClinicClosedDays());
        return form;
    }

    public boolean closedOn(String day) {
        return clinicClosedDays != null && clinicClosedDays.contains(day);
    }

    /** "Saturday, Sunday", or "None" when the clinic opens every day. */
    public String closedDaysText() {
        List<String> names = WEEKDAYS.stream().filter(this::closedOn).map(ClinicForm::label).toList();
        return names.isEmpty() ? "None" : String.join(", ", names);
    }

    /** A weekday's box on the form. */
    public record Weekday(String name, String label, boolean closed) {
    }

    public List<Weekday> weekdays() {
        return WEEKDAYS.stream().map(day -> new Weekday(day, label(day), closedOn(day))).toList();
    }

    private static String label(String day) {
        return Character.toUpperCase(day.charAt(0)) + day.substring(1);
    }

    ClinicHours toHours() {
        return new ClinicHours().timeZone(timeZone == null ? "" : timeZone.trim()).clinicOpens(clinicOpens == null ? "" : clinicOpens.trim())
                .clinicCloses(clinicCloses == null ? "" : clinicCloses.trim())
                .clinicClosedDays(clinicClosedDays == null ? List.of() : List.copyOf(clinicClosedDays));
    }
}
