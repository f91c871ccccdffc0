package dev.eventport.codec.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes an {@link Instant} exactly as {@link Instant#toString()} does, without going through a
 * {@link java.time.format.DateTimeFormatter} (which costs more than the rest of the headers together).
 */
final class IsoInstant {

    private IsoInstant() {
    }

    /** The same text as {@code instant.toString()}. */
    static String format(Instant instant) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            return instant.toString();
        }
        int nano = instant.getNano();
        int fractionDigits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        char[] text = new char[20 + (fractionDigits == 0 ? 0 : fractionDigits + 1)];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        int end = 19;
        if (fractionDigits > 0) {
            text[end++] = '.';
            digits(text, end, nano / pow10(9 - fractionDigits), fractionDigits);
            end += fractionDigits;
        }
        text[end] = 'Z';
        return new String(text);
    }

    private static int pow10(int exponent) {
        int value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }

    private static void digits(char[] text, int offset, int value, int width) {
        for (int i = offset + width - 1; i >= offset; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
