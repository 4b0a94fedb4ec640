package io.ipsc.tenancy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written date printing must be the JDK's, character for character: clients parse these strings. */
class UtcDateTimeSerializersTest {

    /** 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z, in epoch seconds. */
    private static final long FROM = 946_684_800L;
    private static final long TO = 4_102_444_800L;

    @Test
    void utcValuesPrintAsTheJdkPrintsThem() {
        SplittableRandom random = new SplittableRandom(19);
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(FROM, TO);
            int nano = nano(random);
            OffsetDateTime value = OffsetDateTime.ofInstant(Instant.ofEpochSecond(second, nano), ZoneOffset.UTC);
            assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value), UtcDateTimeSerializers.offsetDateTime(value));
            Instant instant = Instant.ofEpochSecond(second, nano);
            assertEquals(instant.toString(), UtcDateTimeSerializers.instant(instant));
        }
    }

    @Test
    void edgesPrintAsTheJdkPrintsThem() {
        for (Instant instant : List.of(Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59.5Z"), Instant.parse("2024-02-29T12:00:00.000001Z"),
                Instant.parse("2026-11-30T09:05:07.100Z"), Instant.parse("2026-11-30T09:05:07.000100Z"))) {
            assertEquals(instant.toString(), UtcDateTimeSerializers.instant(instant));
            OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
            assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(utc), UtcDateTimeSerializers.offsetDateTime(utc));
        }
        // Not UTC: the offset is kept, as jsr310 keeps it when the mapper's zone is left unset.
        OffsetDateTime ist = OffsetDateTime.parse("2026-11-30T14:35:07.25+05:30");
        assertEquals("2026-11-30T14:35:07.25+05:30", UtcDateTimeSerializers.offsetDateTime(ist));
    }

    /**
     * Through a mapper customised in Quarkus' order (higher priority first; Quarkus' own customizer, which registers
     * JavaTimeModule, at QUARKUS_CUSTOMIZER_PRIORITY): the same JSON as jsr310's own serializers gave before.
     */
    @Test
    void theConfiguredMapperWritesWhatJavaTimeModuleWrote() throws Exception {
        ObjectMapper before = new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ObjectMapper after = new ObjectMapper();
        List<ObjectMapperCustomizer> customizers = new ArrayList<>(List.of(new JsonConfiguration(), new UtcDateTimeSerializers(),
                new ObjectMapperCustomizer() {
                    @Override
                    public void customize(ObjectMapper mapper) {
                        mapper.registerModule(new JavaTimeModule());
                    }

                    @Override
                    public int priority() {
                        return QUARKUS_CUSTOMIZER_PRIORITY;
                    }
                }));
        customizers.sort(Comparator.comparingInt(ObjectMapperCustomizer::priority).reversed());
        customizers.forEach(customizer -> customizer.customize(after));
        // Equal output proves nothing about which serializer wrote it: the point is that ours is the one used.
        assertEquals(UtcDateTimeSerializers.class, after.getSerializerProviderInstance().findValueSerializer(OffsetDateTime.class).getClass().getEnclosingClass());
        assertEquals(UtcDateTimeSerializers.class, after.getSerializerProviderInstance().findValueSerializer(Instant.class).getClass().getEnclosingClass());
        SplittableRandom random = new SplittableRandom(21);
        for (int i = 0; i < 2_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(FROM, TO), nano(random));
            Stamped value = new Stamped(instant, instant.atOffset(ZoneOffset.UTC), instant.atOffset(ZoneOffset.ofHoursMinutes(5, 30)));
            assertEquals(before.writeValueAsString(value).replace("createdAt", "created_at").replace("updatedAt", "updated_at"),
                    after.writeValueAsString(value));
        }
    }

    record Stamped(Instant timestamp, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** Whole seconds, milliseconds, microseconds (PostgreSQL's precision), odd digits and nanoseconds, in turn. */
    private static int nano(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            case 3 -> random.nextInt(10) * 100_000_000 + random.nextInt(10) * 10;
            default -> random.nextInt(1_000_000_000);
        };
    }
}
