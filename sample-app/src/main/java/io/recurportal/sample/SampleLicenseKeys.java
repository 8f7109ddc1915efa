package io.recurportal.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import io.recurportal.billing.Subscription;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.web.LicenseKey;
import io.recurportal.web.LicenseKeyProvider;

/**
 * This application's license keys: one per subscription that grants access, derived from
 * its id so it is the same on every visit. A real host reads them from its licensing
 * system.
 */
@Component
class SampleLicenseKeys implements LicenseKeyProvider {

	private final AccountSubscriptions subscriptions;

	SampleLicenseKeys(AccountSubscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	@Override
	public List<LicenseKey> licenseKeys(String customerId, String accountId) {
		return this.subscriptions.list(accountId)
			.stream()
			.filter((subscription) -> subscription.status().isEntitled())
			.map(SampleLicenseKeys::keyOf)
			.toList();
	}

	private static LicenseKey keyOf(Subscription subscription) {
		String product = subscription.price().product().name();
		int seats = product.toLowerCase(Locale.ROOT).contains("pro") ? 5 : 1;
		return new LicenseKey("Inbox Manager " + product, key(subscription.id()), "active", 1, seats,
				subscription.currentPeriodEnd());
	}

	static String key(String subscriptionId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("inbox-manager:" + subscriptionId).getBytes(StandardCharsets.UTF_8));
			String hex = HexFormat.of().withUpperCase().formatHex(digest, 0, 8);
			return "INBX-" + hex.substring(0, 4) + "-" + hex.substring(4, 8) + "-" + hex.substring(8, 12) + "-"
					+ hex.substring(12, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
