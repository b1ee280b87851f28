package dev.duet.client.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Who answered, as Duet's JSON echo says: its {@code server.name}. The echo is read as a stream
 * and everything else in it skipped unread, so an echoed body of any size costs no memory.
 */
final class AnswererName {
    private static final JsonFactory JSON = new JsonFactory();

    private AnswererName() {}

    /**
     * @return empty when the answer is not JSON, or has no {@code server.name} string; an error
     *     reading the stream itself is thrown
     */
    static Optional<String> read(InputStream answer) throws IOException {
        try (JsonParser parser = JSON.createParser(answer)) {
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("server")) {
                    return value == JsonToken.START_OBJECT ? nameIn(parser) : Optional.empty();
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }

    /** The {@code name} string of the object the parser has just entered. */
    private static Optional<String> nameIn(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("name")) {
                return value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
            }
            parser.skipChildren();
        }
        return Optional.empty();
    }
}
