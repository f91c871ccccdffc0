package dev.eventport.testkit.chaos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded source of bad input for consumers: bodies mutated from a valid JSON event body (truncations, bit flips,
 * wrong types, huge numbers, deep nesting, invalid UTF-8, empty bodies, null bytes, random bytes, other JSON
 * values, missing fields, fields naming Java classes) with mutated CloudEvents headers (wrong {@code ce_type} and
 * {@code content-type}, headers naming Java classes, random names and values), and fuzzed headers on their own.
 *
 * <p>Contract: the same seed gives the same sequence of inputs; every input names its mutation. The valid body is
 * the JSON of a {@code ContractEvent} as the JSON codec writes it: {@code eventId}, {@code occurredAt},
 * {@code aggregateId}, {@code payload}, {@code sequence}. Not thread safe.
 */
public final class BadInputs {

    /** One input: which mutation made it, the body and the headers. */
    public record Input(String mutation, byte[] body, Map<String, String> headers) {
    }

    /** Names of Java classes that a message might try to get loaded. */
    public static final List<String> CLASS_NAMES = List.of("java.lang.Runtime", "java.lang.ProcessBuilder",
            "javax.script.ScriptEngineManager", "com.sun.rowset.JdbcRowSetImpl", "java.net.URLClassLoader",
            "org.apache.commons.collections.functors.InvokerTransformer");

    private static final List<String> MUTATIONS = List.of("truncated", "bit-flips", "wrong-type", "huge-number",
            "deep-nesting", "invalid-utf8", "empty", "null-bytes", "random-bytes", "other-json", "missing-field",
            "class-names", "wrong-headers", "huge-string", "truncated", "bit-flips", "wrong-type", "random-bytes");
    private static final List<String> FIELDS = List.of("eventId", "occurredAt", "aggregateId", "payload", "sequence");
    private static final List<String> WRONG_VALUES = List.of("12345", "true", "false", "null", "{}", "[]", "\"\"", "\" \"",
            "1.5", "-1", "\"yesterday\"", "\"2026-13-45T99:00:00Z\"", "[1,2,3]", "{\"a\":{\"b\":1}}", "\"seven\"");
    private static final List<String> HUGE_NUMBERS = List.of("99999999999999999999999999999", "1e400", "-1e-400",
            "1E999999999", "-9223372036854775809", "2147483648", "0.0000000000000000000000000000000001", "NaN", "Infinity");
    private static final List<String> OTHER_JSON = List.of("null", "[]", "{}", "\"text\"", "42", "true", "[{}]",
            "{\"eventId\":null}", "[{\"eventId\":\"x\"}]", " ", "\n");
    private static final List<String> MANAGED_NAMES = List.of("ce_id", "ce_type", "ce_source", "ce_time", "ce_specversion",
            "content-type", "ce_datacontenttype", "traceparent", "eventport_attempts", "eventport_republished_after_attempts",
            "JMSXGroupID", "JMSCorrelationID", "ce_partitionkey");
    private static final List<String> ODD_NAMES = List.of("", " ", "a b", "ü-name", "名前", "a\u0000b", "$", "1abc", "NULL", "_AMQ_DUPL_ID",
            "a.b.c", "a-b", "x-tenant", "\t", "line\nbreak", "\"quoted\"", "a=b", "semi;colon", "\uD83D\uDE00", "AND", "Ünïcödé");
    private static final List<String> ODD_VALUES = List.of("", " ", "\u0000", "\u0000\u0001\u0002\n\r\t", "${jndi:ldap://127.0.0.1/a}",
            "../../etc/passwd", "<xml/>", "{\"json\":true}", "'; DROP TABLE t; --", "\uD83D\uDE00", "東京", "-1",
            "9999999999999999999999", "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA", "application/x-java-serialized-object");

    private final Random random;

    private BadInputs(long seed) {
        this.random = new Random(seed);
    }

    /** The inputs of {@code seed}. */
    public static BadInputs seeded(long seed) {
        return new BadInputs(seed);
    }

    /** The next body with its headers. */
    public Input next() {
        String mutation = pick(MUTATIONS);
        String eventId = new UUID(random.nextLong(), random.nextLong()).toString();
        String valid = validBody(eventId);
        Map<String, String> headers = validHeaders(eventId);
        byte[] body = switch (mutation) {
            case "truncated" -> truncate(bytes(valid));
            case "bit-flips" -> flipBits(bytes(valid));
            case "wrong-type" -> bytes(replaceValue(valid, pick(FIELDS), pick(WRONG_VALUES)));
            case "huge-number" -> bytes(replaceValue(valid, "sequence", random.nextInt(4) == 0
                    ? "9".repeat(2_000 + random.nextInt(20_000)) : pick(HUGE_NUMBERS)));
            case "deep-nesting" -> bytes(replaceValue(valid, pick(List.of("payload", "extra")), nested(1_500 + random.nextInt(3_000))));
            case "invalid-utf8" -> invalidUtf8(valid);
            case "empty" -> new byte[0];
            case "null-bytes" -> insertNullBytes(bytes(valid));
            case "random-bytes" -> randomBytes(1 + random.nextInt(512));
            case "other-json" -> bytes(pick(OTHER_JSON));
            case "missing-field" -> bytes(removeField(valid, pick(FIELDS)));
            case "class-names" -> bytes(valid.replaceFirst("\\{", "{\"@class\":\"" + pick(CLASS_NAMES) + "\",\"@type\":\""
                    + pick(CLASS_NAMES) + "\","));
            case "huge-string" -> bytes(replaceValue(valid, "payload", "\"" + "x".repeat(10_000 + random.nextInt(40_000)) + "\""));
            default -> bytes(valid);
        };
        if (mutation.equals("class-names") || random.nextInt(4) == 0) {
            headers.put("ce_type", pick(CLASS_NAMES));
        }
        if (mutation.equals("wrong-headers") || random.nextInt(4) == 0) {
            headers.put("content-type", pick(List.of("application/x-java-serialized-object", "text/plain", "application/xml",
                    "", "application/json; charset=ISO-8859-1")));
            headers.put("ce_type", pick(List.of("OtherContractEvent", "", "ContractEvent[]", "../ContractEvent", "ContractEvent")));
        }
        for (int extra = random.nextInt(3); extra > 0; extra--) {
            headers.put(headerName(), headerValue());
        }
        if (random.nextInt(6) == 0) {
            headers.keySet().removeIf(name -> random.nextBoolean());
        }
        return new Input(mutation, body, headers);
    }

    /** One to three fuzzed headers: random, reserved and odd names with random, odd, huge and class-naming values. */
    public Map<String, String> nextHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int count = 1 + random.nextInt(3); count > 0; count--) {
            headers.put(headerName(), headerValue());
        }
        return headers;
    }

    /** Whether {@code name} is a header a backend manages itself (wire attributes, trace, provider properties). */
    public static boolean isManaged(String name) {
        return MANAGED_NAMES.contains(name) || name.startsWith("ce_") || name.startsWith("eventport_") || name.startsWith("JMS")
                || name.startsWith("_AMQ");
    }

    private String headerName() {
        return switch (random.nextInt(6)) {
            case 0 -> pick(MANAGED_NAMES);
            case 1 -> pick(CLASS_NAMES);
            case 2 -> pick(ODD_NAMES);
            case 3 -> "x-" + randomText(1 + random.nextInt(30));
            case 4 -> randomText(1 + random.nextInt(12));
            default -> random.nextInt(20) == 0 ? "h".repeat(1_000 + random.nextInt(3_000)) : "fuzz" + random.nextInt(1000);
        };
    }

    private String headerValue() {
        return switch (random.nextInt(5)) {
            case 0 -> pick(ODD_VALUES);
            case 1 -> pick(CLASS_NAMES);
            case 2 -> randomText(random.nextInt(64));
            case 3 -> random.nextInt(10) == 0 ? "v".repeat(8_000 + random.nextInt(24_000)) : Long.toString(random.nextLong());
            default -> new UUID(random.nextLong(), random.nextLong()).toString();
        };
    }

    /** Printable ASCII, Latin-1, CJK and control characters (no lone surrogates). */
    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) switch (random.nextInt(8)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0xa0 + random.nextInt(0x60);
                case 2 -> 0x4e00 + random.nextInt(0x100);
                default -> 0x20 + random.nextInt(0x5f);
            });
        }
        return text.toString();
    }

    private String validBody(String eventId) {
        return "{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"" + Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000_000))
                + "\",\"aggregateId\":\"fuzz-key-" + random.nextInt(16) + "\",\"payload\":\"Zürich → 東京 #" + random.nextInt(100)
                + "\",\"sequence\":" + random.nextInt(1000) + "}";
    }

    private Map<String, String> validHeaders(String eventId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_id", eventId);
        headers.put("ce_type", "ContractEvent");
        headers.put("ce_source", "/fuzz");
        headers.put("ce_specversion", "1.0");
        headers.put("content-type", "application/json");
        return headers;
    }

    private static String replaceValue(String json, String field, String value) {
        String key = "\"" + field + "\":";
        int start = json.indexOf(key);
        if (start < 0) {
            return json.replaceFirst("\\{", "{" + key + value + ",");
        }
        int from = start + key.length();
        int end = json.charAt(from) == '"' ? json.indexOf('"', from + 1) + 1 : indexOfAny(json, from, ",}");
        return json.substring(0, from) + value + json.substring(end);
    }

    private static String removeField(String json, String field) {
        String removed = replaceValue(json, field, "\u0001");
        return removed.replace("\"" + field + "\":\u0001,", "").replace(",\"" + field + "\":\u0001", "");
    }

    private static int indexOfAny(String text, int from, String chars) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    private String nested(int depth) {
        boolean arrays = random.nextBoolean();
        StringBuilder text = new StringBuilder(depth * (arrays ? 2 : 8));
        for (int i = 0; i < depth; i++) {
            text.append(arrays ? "[" : "{\"a\":");
        }
        text.append("1");
        for (int i = 0; i < depth; i++) {
            text.append(arrays ? "]" : "}");
        }
        return text.toString();
    }

    private byte[] truncate(byte[] body) {
        byte[] cut = new byte[random.nextInt(body.length)];
        System.arraycopy(body, 0, cut, 0, cut.length);
        return cut;
    }

    private byte[] flipBits(byte[] body) {
        for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
            int bit = random.nextInt(body.length * 8);
            body[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return body;
    }

    private byte[] invalidUtf8(String valid) {
        byte[][] sequences = {{(byte) 0xC3, 0x28}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}};
        byte[] body = bytes(valid);
        int at = valid.indexOf("Zürich");
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 8);
        out.write(body, 0, at);
        byte[] bad = sequences[random.nextInt(sequences.length)];
        out.write(bad, 0, bad.length);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private byte[] insertNullBytes(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 8);
        int at = random.nextInt(body.length);
        out.write(body, 0, at);
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            out.write(0);
        }
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
