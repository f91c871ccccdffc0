package dev.eventport.codec.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.NumberSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Jackson's serializer of {@link BigDecimal}s (shapes such as {@code @JsonFormat(shape = STRING)} included), except
 * that a decimal whose {@link BigDecimal#toString()} is already plain (scale 0, or a positive scale with at most five
 * leading zeros after the point: every money amount) is written through that string, which the decimal caches,
 * instead of {@link BigDecimal#toPlainString()}, which builds a new string on every call. The JSON is the same: plain
 * notation, never {@code 1E+3} (the others are written plain by {@code WRITE_BIGDECIMAL_AS_PLAIN}).
 */
final class PlainDecimalSerializer extends NumberSerializer {

    PlainDecimalSerializer() {
        super(BigDecimal.class);
    }

    @Override
    public void serialize(Number value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        BigDecimal decimal = (BigDecimal) value;
        if (plainAlready(decimal)) {
            generator.writeNumber(decimal.toString());
        } else {
            generator.writeNumber(decimal);
        }
    }

    /** Whether {@code toString()} writes no exponent: scale 0, or a positive scale with an adjusted exponent of -6 or more. */
    static boolean plainAlready(BigDecimal value) {
        int scale = value.scale();
        return scale == 0 || (scale > 0 && value.precision() - scale >= -5);
    }
}
