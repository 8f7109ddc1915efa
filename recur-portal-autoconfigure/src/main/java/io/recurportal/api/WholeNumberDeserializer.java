package io.recurportal.api;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a JSON integer and nothing else: Jackson would otherwise round {@code 6.9} down to
 * 6 and read {@code "7"} as 7, so a count the caller did not mean would be billed.
 * Anything else (a fraction, a string, a number beyond {@code int}) is an input mismatch,
 * which the API answers as {@code invalid_request}.
 */
final class WholeNumberDeserializer extends ValueDeserializer<Integer> {

	@Override
	public Integer deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
				|| parser.getNumberType() != JsonParser.NumberType.INT) {
			return context.reportInputMismatch(Integer.class, "Expected a whole number");
		}
		return parser.getIntValue();
	}

}
