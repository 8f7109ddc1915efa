package io.recurportal.error;

import org.springframework.http.HttpStatus;

/**
 * Every error the portal reports, with the stable {@code code} clients switch on and
 * the HTTP status it maps to. Codes are part of the public contract: never rename one.
 */
public enum PortalErrorCode {

	/** The request body, a parameter or a path variable is malformed. */
	INVALID_REQUEST("invalid_request", HttpStatus.BAD_REQUEST),

	/** No bearer token was sent. */
	UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED),

	/** The bearer token is malformed, expired, badly signed or has no expiry. */
	INVALID_TOKEN("invalid_token", HttpStatus.UNAUTHORIZED),

	/** A valid bearer token carries no account claim. */
	ACCOUNT_CLAIM_MISSING("account_claim_missing", HttpStatus.UNAUTHORIZED),

	/** The endpoint's feature is not in the caller's portal configuration. */
	FEATURE_NOT_ENABLED("feature_not_enabled", HttpStatus.FORBIDDEN),

	/** The action changes billing and the caller has no owner role. */
	OWNER_REQUIRED("owner_required", HttpStatus.FORBIDDEN),

	/** A form's CSRF token is missing or was not issued to this browser's portal session. */
	INVALID_CSRF_TOKEN("invalid_csrf_token", HttpStatus.FORBIDDEN),

	/** A portal session request named no customer: no customer id, external id or email. */
	MISSING_CUSTOMER_IDENTIFIER("missing_customer_identifier", HttpStatus.BAD_REQUEST),

	/** The server API key is missing or not one of the configured keys. */
	INVALID_API_KEY("invalid_api_key", HttpStatus.UNAUTHORIZED),

	/** No customer exists for the account, id, external id or email. */
	CUSTOMER_NOT_FOUND("customer_not_found", HttpStatus.NOT_FOUND),

	/**
	 * An email names several customers, so no one of them is picked; the caller should
	 * name the customer by id or external id instead.
	 */
	CUSTOMER_AMBIGUOUS("customer_ambiguous", HttpStatus.CONFLICT),

	/**
	 * The request names a customer by several identifiers that do not all belong to it:
	 * a customer id and another customer's external id or email, say.
	 */
	CUSTOMER_MISMATCH("customer_mismatch", HttpStatus.BAD_REQUEST),

	/** The subscription does not exist or is not the caller's. */
	SUBSCRIPTION_NOT_FOUND("subscription_not_found", HttpStatus.NOT_FOUND),

	/** The invoice does not exist or is not the caller's. */
	INVOICE_NOT_FOUND("invoice_not_found", HttpStatus.NOT_FOUND),

	/** The payment method does not exist or is not the caller's. */
	PAYMENT_METHOD_NOT_FOUND("payment_method_not_found", HttpStatus.NOT_FOUND),

	/** The checkout session does not exist or is not the caller's. */
	CHECKOUT_SESSION_NOT_FOUND("checkout_session_not_found", HttpStatus.NOT_FOUND),

	/** The price does not exist, is inactive, or is not offered to the caller. */
	PRICE_NOT_AVAILABLE("price_not_available", HttpStatus.BAD_REQUEST),

	/** A return URL was required and not given. */
	MISSING_RETURN_URL("missing_return_url", HttpStatus.BAD_REQUEST),

	/** A return URL is not on one of the allowed origins. */
	RETURN_URL_NOT_ALLOWED("return_url_not_allowed", HttpStatus.BAD_REQUEST),

	/** The subscription's current state does not allow the action (for example reactivating an ended one). */
	INVALID_SUBSCRIPTION_STATE("invalid_subscription_state", HttpStatus.CONFLICT),

	/** The plan change is not allowed by the portal configuration (for example a downgrade). */
	PLAN_CHANGE_NOT_ALLOWED("plan_change_not_allowed", HttpStatus.FORBIDDEN),

	/** The configuration does not let customers cancel with this timing. */
	CANCEL_TIMING_NOT_ALLOWED("cancel_timing_not_allowed", HttpStatus.FORBIDDEN),

	/** The configuration does not let customers change a subscription's quantity (seats). */
	QUANTITY_CHANGE_NOT_ALLOWED("quantity_change_not_allowed", HttpStatus.FORBIDDEN),

	/** The quantity is outside the configuration's minimum and maximum. */
	QUANTITY_OUT_OF_RANGE("quantity_out_of_range", HttpStatus.BAD_REQUEST),

	/** The date a paused subscription should resume on is in the past or further away than the configuration allows. */
	RESUME_DATE_OUT_OF_RANGE("resume_date_out_of_range", HttpStatus.BAD_REQUEST),

	/**
	 * The subscription has no retention offer: the configuration offers none, the
	 * provider cannot apply it, or it was offered to this subscription before.
	 */
	RETENTION_OFFER_NOT_AVAILABLE("retention_offer_not_available", HttpStatus.NOT_FOUND),

	/** The checkout session has not been completed by the customer. */
	CHECKOUT_INCOMPLETE("checkout_incomplete", HttpStatus.CONFLICT),

	/**
	 * The payment method cannot be removed: it is the customer's last one and a
	 * subscription still has to be paid.
	 */
	PAYMENT_METHOD_REQUIRED("payment_method_required", HttpStatus.CONFLICT),

	/** The card number, expiry or security code is not valid. */
	INVALID_CARD("invalid_card", HttpStatus.BAD_REQUEST),

	/** The card was declined or the charge failed. */
	PAYMENT_FAILED("payment_failed", HttpStatus.PAYMENT_REQUIRED),

	/** The same idempotency key was used for a different request. */
	IDEMPOTENCY_CONFLICT("idempotency_conflict", HttpStatus.CONFLICT),

	/** No such endpoint. */
	NOT_FOUND("not_found", HttpStatus.NOT_FOUND),

	/** The endpoint does not take this HTTP method. */
	METHOD_NOT_ALLOWED("method_not_allowed", HttpStatus.METHOD_NOT_ALLOWED),

	/** The endpoint cannot answer in any media type the request accepts. */
	NOT_ACCEPTABLE("not_acceptable", HttpStatus.NOT_ACCEPTABLE),

	/** The request body's media type is not accepted. */
	UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),

	/** The request body is larger than the portal accepts. */
	PAYLOAD_TOO_LARGE("payload_too_large", HttpStatus.CONTENT_TOO_LARGE),

	/** A webhook's signature header is missing, does not match a secret, or is too old or too new. */
	INVALID_SIGNATURE("invalid_signature", HttpStatus.BAD_REQUEST),

	/** The webhook endpoint has no signing secret, so it cannot accept events yet; the provider retries. */
	WEBHOOK_NOT_CONFIGURED("webhook_not_configured", HttpStatus.SERVICE_UNAVAILABLE),

	/** An unexpected failure inside the portal; details are logged, never sent. */
	INTERNAL_ERROR("internal_error", HttpStatus.INTERNAL_SERVER_ERROR),

	/** The provider is rate limiting, down, misconfigured or did not answer in time. */
	PROVIDER_UNAVAILABLE("provider_unavailable", HttpStatus.SERVICE_UNAVAILABLE);

	private final String code;

	private final HttpStatus status;

	PortalErrorCode(String code, HttpStatus status) {
		this.code = code;
		this.status = status;
	}

	/**
	 * The stable, snake_case code sent to clients.
	 * @return the code
	 */
	public String code() {
		return this.code;
	}

	/**
	 * The HTTP status this error is answered with.
	 * @return the status
	 */
	public HttpStatus status() {
		return this.status;
	}

}
