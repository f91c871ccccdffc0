package dev.eventport.codec.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes a {@link BigDecimal} as a JSON number in plain notation (never {@code 1E+3}): through {@link BigDecimal#toString()},
 * which the decimal caches, whenever that is already plain (any amount with a scale of 0 to 6 more than its digits,
 * such as money), and {@link BigDecimal#toPlainString()}, which builds a new string on every call, otherwise.
 * An event encoded twice (a retry, a republish) then formats its amounts once.
 */
final class PlainDecimalSerializer extends StdSerializer<BigDecimal> {

    PlainDecimalSerializer() {
        super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeNumber(plainAlready(value) ? value.toString() : value.toPlainString());
    }

    /** Whether {@code toString()} writes no exponent: scale 0, or a positive scale with an adjusted exponent of -6 or more. */
    static boolean plainAlready(BigDecimal value) {
        int scale = value.scale();
        return scale == 0 || (scale > 0 && value.precision() - scale >= -5);
    }
}
