package io.ipsc.tenancy.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * {@link OffsetDateTime} and {@link Instant} written as jackson-datatype-jsr310 writes them under Quarkus' mapper,
 * character for character, without the {@link DateTimeFormatter} machinery: every row of a list carries
 * {@code created_at} and {@code updated_at}, and the formatter's field-by-field printing was 5 % of a list request's CPU
 * (BENCHMARKS.md, issue 19). A UTC {@code OffsetDateTime} (what the PostgreSQL client decodes a {@code timestamptz}
 * to) ends in {@code Z}, its fraction without trailing zeros ({@code ISO_OFFSET_DATE_TIME}); an {@code Instant} as
 * {@link Instant#toString()} writes it, its fraction in groups of three digits. Other offsets, and years outside
 * 0000–9999, go to the JDK's formatters, which own those cases.
 */
@Singleton
public class UtcDateTimeSerializers implements ObjectMapperCustomizer {

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    /**
     * Last of all customizers: Quarkus registers JavaTimeModule in its own, at {@code QUARKUS_CUSTOMIZER_PRIORITY}, after
     * the application's, and of two modules serialising one type the one registered later is used.
     */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(module());
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("ipsc-utc-date-times");
        module.addSerializer(OffsetDateTime.class, new AsText<>(OffsetDateTime.class, UtcDateTimeSerializers::offsetDateTime));
        module.addSerializer(Instant.class, new AsText<>(Instant.class, UtcDateTimeSerializers::instant));
        return module;
    }

    /** {@code ISO_OFFSET_DATE_TIME}: what jsr310 writes, the mapper's zone being left unset (Quarkus' UTC default). */
    static String offsetDateTime(OffsetDateTime value) {
        if (!ZoneOffset.UTC.equals(value.getOffset())) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
        }
        return utc(value.toEpochSecond(), value.getNano(), false);
    }

    static String instant(Instant value) {
        return utc(value.getEpochSecond(), value.getNano(), true);
    }

    private static String utc(long epochSecond, int nano, boolean fractionInGroupsOfThree) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, nano, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return fractionInGroupsOfThree ? Instant.ofEpochSecond(epochSecond, nano).toString()
                    : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
        }
        char[] out = new char[30];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, t.getHour(), 2);
        out[13] = ':';
        digits(out, 14, t.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, t.getSecond(), 2);
        int end = 19;
        if (nano > 0) {
            int width = fractionInGroupsOfThree ? groupsOfThree(nano) : withoutTrailingZeros(nano);
            out[end++] = '.';
            digits(out, end, nano / POWERS_OF_TEN[9 - width], width);
            end += width;
        }
        out[end++] = 'Z';
        return new String(out, 0, end);
    }

    /** Instant's style: 3, 6 or 9 digits, as many as the value needs. */
    private static int groupsOfThree(int nano) {
        if (nano % 1_000_000 == 0) {
            return 3;
        }
        return nano % 1_000 == 0 ? 6 : 9;
    }

    /** ISO_LOCAL_TIME's style: every digit up to the last that is not zero. */
    private static int withoutTrailingZeros(int nano) {
        int width = 9;
        while (nano % 10 == 0) {
            nano /= 10;
            width--;
        }
        return width;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** One of the two types, written as the string {@code text} makes of it. */
    private static final class AsText<T> extends StdSerializer<T> {
        private final Function<T, String> text;

        AsText(Class<T> type, Function<T, String> text) {
            super(type);
            this.text = text;
        }

        @Override
        public void serialize(T value, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeString(text.apply(value));
        }
    }
}
