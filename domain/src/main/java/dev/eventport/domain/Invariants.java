package dev.eventport.domain;

import java.util.Collection;
import java.util.Objects;

/** Shared argument checks whose messages name the field and the offending value. */
final class Invariants {

    private Invariants() {
    }

    static String requireText(String value, String record, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidDomainDataException(record + "." + field + " must not be blank, but was "
                    + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    static <T> T requireValue(T value, String record, String field) {
        if (value == null) {
            throw new InvalidDomainDataException(record + "." + field + " must not be null");
        }
        return value;
    }

    static <C extends Collection<?>> C requireNotEmpty(C values, String record, String field) {
        if (Objects.requireNonNullElse(values, java.util.List.of()).isEmpty()) {
            throw new InvalidDomainDataException(record + "." + field + " must not be empty, but was "
                    + (values == null ? "null" : "[]"));
        }
        return values;
    }
}
