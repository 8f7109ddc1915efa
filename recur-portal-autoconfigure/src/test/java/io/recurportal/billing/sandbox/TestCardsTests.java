package io.recurportal.billing.sandbox;

import java.time.Instant;

import io.recurportal.billing.Card;
import io.recurportal.error.PortalErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.recurportal.billing.sandbox.SandboxFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading card numbers like Stripe's test mode.
 */
class TestCardsTests {

	@ParameterizedTest
	@CsvSource({ "4242424242424242, visa, 4242, SUCCEEDS", "5555555555554444, mastercard, 4444, SUCCEEDS",
			"2223003122003222, mastercard, 3222, SUCCEEDS", "378282246310005, amex, 0005, SUCCEEDS",
			"6011111111111117, discover, 1117, SUCCEEDS", "3566002020360505, jcb, 0505, SUCCEEDS",
			"36227206271667, diners, 1667, SUCCEEDS", "6200000000000005, unionpay, 0005, SUCCEEDS",
			"4000000000000002, visa, 0002, DECLINED_AT_ATTACH",
			"4000000000009995, visa, 9995, INSUFFICIENT_FUNDS_AT_ATTACH",
			"4000000000000341, visa, 0341, CHARGES_FAIL", "8888888888888888885, unknown, 8885, SUCCEEDS" })
	void readThenBrandLast4AndBehaviour(String number, String brand, String last4, CardBehavior behavior) {
		CardDetails card = TestCards.read(number, 12, 2030);
		assertThat(card.brand()).isEqualTo(brand);
		assertThat(card.last4()).isEqualTo(last4);
		assertThat(card.behavior()).isEqualTo(behavior);
		assertThat(card.toCard()).isEqualTo(new Card(brand, last4, 12, 2030));
		assertThat(card.toString()).doesNotContain(number);
	}

	@Test
	void readWhenSpacesThenSameCard() {
		assertThat(TestCards.read("4242 4242 4242 4242", 1, 2030)).isEqualTo(TestCards.read("4242424242424242", 1, 2030));
	}

	@Test
	void readWhenTwoDigitYearThenTwentyHundreds() {
		assertThat(TestCards.read("4242424242424242", 1, 30).expYear()).isEqualTo(2030);
	}

	@ParameterizedTest
	@ValueSource(strings = { "4242424242424241", "42424242", "42424242424242424242", "4242-4242-4242-4242", "",
			"４２４２４２４２４２４２４２４２" })
	void readWhenNumberInvalidThenInvalidCard(String number) {
		failure(PortalErrorCode.INVALID_CARD, () -> TestCards.read(number, 12, 2030));
	}

	@ParameterizedTest
	@CsvSource({ "0, 2030", "13, 2030", "12, 1999", "12, 2101", "12, -1" })
	void readWhenExpiryInvalidThenInvalidCard(int month, int year) {
		failure(PortalErrorCode.INVALID_CARD, () -> TestCards.read("4242424242424242", month, year));
	}

	@Test
	void isExpiredAtThenValidThroughLastDayOfMonth() {
		CardDetails card = TestCards.read("4242424242424242", 4, 2026);
		assertThat(card.isExpiredAt(Instant.parse("2026-04-30T23:59:59Z"))).isFalse();
		assertThat(card.isExpiredAt(Instant.parse("2026-05-01T00:00:00Z"))).isTrue();
	}

}
