package io.recurportal.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.recurportal.billing.RetentionCoupon;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.configuration.PortalFeature;

/**
 * Turns {@code recur.portal.configurations.*} into {@link PortalConfigurations},
 * refusing at start-up what the pages could not render safely.
 */
final class PortalConfigurationsFactory {

	private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

	// Stripe lets a merchant name coupons (SUMMER-20); the id goes into a URL path.
	private static final Pattern COUPON = Pattern.compile("[A-Za-z0-9_-]{1,200}");

	private PortalConfigurationsFactory() {
	}

	static PortalConfigurations create(Map<String, RecurPortalProperties.Configuration> properties) {
		List<PortalConfiguration> configurations = new ArrayList<>();
		properties.forEach((id, configuration) -> configurations.add(toConfiguration(id, configuration)));
		return new PortalConfigurations(configurations);
	}

	private static PortalConfiguration toConfiguration(String id, RecurPortalProperties.Configuration properties) {
		PortalConfiguration builtIn = PortalConfigurations.builtIn()
			.stream()
			.filter((candidate) -> candidate.id().equals(id))
			.findFirst()
			.orElse(null);
		Set<PortalFeature> features = (properties.getFeatures() != null) ? properties.getFeatures()
				: (builtIn != null) ? builtIn.features() : Set.of();
		RecurPortalProperties.Branding branding = properties.getBranding();
		String prefix = "recur.portal.configurations." + id + ".";
		PortalConfiguration.Branding brand = new PortalConfiguration.Branding(branding.getBusinessName(),
				branding.getHeadline(), url(prefix + "branding.logo-url", branding.getLogoUrl()),
				color(prefix + "branding.primary-color", branding.getPrimaryColor()),
				url(prefix + "branding.terms-of-service-url", branding.getTermsOfServiceUrl()),
				url(prefix + "branding.privacy-policy-url", branding.getPrivacyPolicyUrl()),
				translations(prefix + "branding.translations", branding.getTranslations()));
		RecurPortalProperties.Cancellation cancellation = properties.getCancellation();
		List<String> reasons = (cancellation.getReasons() != null) ? cancellation.getReasons()
				: PortalConfiguration.Cancellation.DEFAULT.reasons();
		RecurPortalProperties.PlanChange planChange = properties.getPlanChange();
		return new PortalConfiguration(id, features, brand,
				new PortalConfiguration.Cancellation(cancellation.getMode(), reasons, cancellation.isTimingChoice(),
						retentionOffer(prefix + "cancellation.retention-offer.", cancellation.getRetentionOffer())),
				new PortalConfiguration.PlanChange(planChange.getPrices(), planChange.isAllowDowngrades(),
						planChange.getProrationBehavior()),
				url(prefix + "default-return-url", properties.getDefaultReturnUrl()),
				quantity(prefix + "quantity.", properties.getQuantity()),
				pause(prefix + "pause.max-duration", properties.getPause().getMaxDuration()));
	}

	private static @Nullable RetentionCoupon retentionOffer(String prefix,
			RecurPortalProperties.RetentionOffer offer) {
		String coupon = offer.getCoupon();
		Integer percentOff = offer.getPercentOff();
		Integer months = offer.getDurationInMonths();
		if (coupon == null && percentOff == null) {
			if (months != null) {
				throw new PortalSettingException(prefix + "duration-in-months", months.toString(),
						"a duration belongs to a percentage off", "Set " + prefix + "percent-off as well.");
			}
			return null;
		}
		if (coupon != null && (percentOff != null || months != null)) {
			throw new PortalSettingException(prefix + "coupon", coupon,
					"an offer is a coupon or a percentage off, not both",
					"Remove " + prefix + "percent-off and " + prefix + "duration-in-months, or the coupon.");
		}
		if (coupon != null) {
			if (!COUPON.matcher(coupon).matches()) {
				throw new PortalSettingException(prefix + "coupon", coupon, "a coupon id is letters, digits, _ and -",
						"Use the coupon's id as the provider shows it.");
			}
			return new RetentionCoupon(coupon, null, null);
		}
		if (percentOff < 1 || percentOff > 100) {
			throw new PortalSettingException(prefix + "percent-off", percentOff.toString(),
					"a percentage off is from 1 to 100", "Set it like " + prefix + "percent-off: 20.");
		}
		if (months == null || months < 1 || months > 36) {
			throw new PortalSettingException(prefix + "duration-in-months", String.valueOf(months),
					"a percentage off lasts 1 to 36 months", "Set it like " + prefix + "duration-in-months: 3.");
		}
		return new RetentionCoupon(null, percentOff, months);
	}

	private static PortalConfiguration.Pause pause(String property, @Nullable Duration maxDuration) {
		if (maxDuration != null && (maxDuration.isNegative() || maxDuration.isZero())) {
			throw new PortalSettingException(property, maxDuration, "a pause can last only a positive time",
					"Write a positive duration, for example " + property + "=90d, or leave it out.");
		}
		return new PortalConfiguration.Pause(maxDuration);
	}

	private static PortalConfiguration.Quantity quantity(String prefix, RecurPortalProperties.Quantity quantity) {
		if (quantity.getMinimum() < 1) {
			throw new PortalSettingException(prefix + "minimum", quantity.getMinimum(),
					"a subscription has at least 1 seat", "Write " + prefix + "minimum=1 or more.");
		}
		if (quantity.getMaximum() != null && quantity.getMaximum() < quantity.getMinimum()) {
			throw new PortalSettingException(prefix + "maximum", quantity.getMaximum(),
					"it must not be less than " + prefix + "minimum (" + quantity.getMinimum() + ")",
					"Write " + prefix + "maximum=" + quantity.getMinimum() + " or more, or lower the minimum.");
		}
		return new PortalConfiguration.Quantity(quantity.isEnabled(), quantity.getMinimum(), quantity.getMaximum());
	}

	private static Map<String, PortalConfiguration.Translation> translations(String property,
			Map<String, RecurPortalProperties.Translation> translations) {
		Map<String, PortalConfiguration.Translation> byTag = new LinkedHashMap<>();
		translations.forEach((tag, translation) -> {
			Locale locale = Locale.forLanguageTag(tag.replace('_', '-'));
			if (locale.getLanguage().isEmpty()) {
				throw new PortalSettingException(property + "." + tag, tag, "a translation is keyed by a language tag",
						"Key it by a language tag, like " + property + ".ja.headline or " + property
								+ ".[zh-TW].headline.");
			}
			byTag.put(tag, new PortalConfiguration.Translation(translation.getBusinessName(),
					translation.getHeadline()));
		});
		return byTag;
	}

	private static @Nullable String color(String property, @Nullable String value) {
		if (value != null && !COLOR.matcher(value).matches()) {
			throw new PortalSettingException(property, value, "a colour is '#' and six hex digits",
					"Write it like " + property + ": \"#4f46e5\" (in YAML, in quotes: an unquoted # starts a comment).");
		}
		return value;
	}

	// Only absolute http(s) URLs reach the pages: never javascript: or data: links.
	private static @Nullable String url(String property, @Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			URI uri = new URI(value);
			String scheme = uri.getScheme();
			if (uri.getHost() != null && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
				return value;
			}
		}
		catch (java.net.URISyntaxException ex) {
			// reported below
		}
		throw new PortalSettingException(property, value,
				"only absolute http(s) URLs are shown to customers, never relative, javascript: or data: links",
				"Write an absolute URL, like " + property + "=https://www.example.com/terms.");
	}

}
