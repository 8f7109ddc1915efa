-- recur-portal tables for H2. Every statement can run again without harm.
-- With another table prefix (recur.portal.jdbc.table-prefix), replace 'recur_portal_'.

CREATE TABLE IF NOT EXISTS recur_portal_subscription (
	account_id VARCHAR(255) NOT NULL,
	subscription_id VARCHAR(255) NOT NULL,
	customer_id VARCHAR(255) NOT NULL,
	-- The provider's state as JSON; NULL once removed, so the revision keeps growing.
	data CHARACTER VARYING,
	revision BIGINT NOT NULL,
	-- When the provider reported the stored state; older reports are ignored.
	observed_at TIMESTAMP WITH TIME ZONE,
	CONSTRAINT recur_portal_subscription_pk PRIMARY KEY (account_id, subscription_id)
);

CREATE TABLE IF NOT EXISTS recur_portal_subscription_sync (
	account_id VARCHAR(255) NOT NULL,
	customer_id VARCHAR(255),
	synced_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT recur_portal_subscription_sync_pk PRIMARY KEY (account_id)
);

-- The provider's last answers about an account (customer, invoices) as JSON, so portal
-- views need not ask again; valid only when read after the account's last change.
CREATE TABLE IF NOT EXISTS recur_portal_billing_snapshot (
	account_id VARCHAR(255) NOT NULL,
	kind VARCHAR(32) NOT NULL,
	data CHARACTER VARYING NOT NULL,
	read_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT recur_portal_billing_snapshot_pk PRIMARY KEY (account_id, kind)
);

CREATE TABLE IF NOT EXISTS recur_portal_billing_change (
	account_id VARCHAR(255) NOT NULL,
	changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT recur_portal_billing_change_pk PRIMARY KEY (account_id)
);

-- Each account's billing customer, written when the portal creates or first finds it;
-- the first link wins, so an account never changes customer.
CREATE TABLE IF NOT EXISTS recur_portal_account_customer (
	account_id VARCHAR(255) NOT NULL,
	customer_id VARCHAR(255) NOT NULL,
	linked_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT recur_portal_account_customer_pk PRIMARY KEY (account_id)
);

CREATE TABLE IF NOT EXISTS recur_portal_audit (
	id BIGINT GENERATED ALWAYS AS IDENTITY,
	occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
	account_id VARCHAR(255) NOT NULL,
	user_id VARCHAR(255),
	action VARCHAR(100) NOT NULL,
	target VARCHAR(255),
	result VARCHAR(100) NOT NULL,
	detail VARCHAR(500),
	CONSTRAINT recur_portal_audit_pk PRIMARY KEY (id)
);

-- Tables made before the detail column get it; a no-op on new ones and on reruns.
ALTER TABLE recur_portal_audit ADD COLUMN IF NOT EXISTS detail VARCHAR(500);

CREATE INDEX IF NOT EXISTS recur_portal_audit_account_ix ON recur_portal_audit (account_id, occurred_at, id);

CREATE TABLE IF NOT EXISTS recur_portal_session (
	id VARCHAR(64) NOT NULL,
	-- Hashes of the link token and of the browser token; never the tokens.
	token_hash VARCHAR(128) NOT NULL,
	browser_token_hash VARCHAR(128),
	customer_id VARCHAR(255) NOT NULL,
	account_id VARCHAR(255),
	configuration_id VARCHAR(100) NOT NULL,
	return_url VARCHAR(2048),
	locale VARCHAR(35),
	is_owner BOOLEAN NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	accessed_at TIMESTAMP WITH TIME ZONE,
	browser_expires_at TIMESTAMP WITH TIME ZONE,
	CONSTRAINT recur_portal_session_pk PRIMARY KEY (id),
	CONSTRAINT recur_portal_session_token_uk UNIQUE (token_hash),
	CONSTRAINT recur_portal_session_browser_uk UNIQUE (browser_token_hash)
);

CREATE INDEX IF NOT EXISTS recur_portal_session_expires_ix ON recur_portal_session (expires_at);

CREATE TABLE IF NOT EXISTS recur_portal_webhook_event (
	event_id VARCHAR(255) NOT NULL,
	event_type VARCHAR(100) NOT NULL,
	claim_id VARCHAR(64) NOT NULL,
	received_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT recur_portal_webhook_event_pk PRIMARY KEY (event_id)
);

CREATE INDEX IF NOT EXISTS recur_portal_webhook_event_received_ix ON recur_portal_webhook_event (received_at);

-- What recorded events leave to do: one row per subscription or customer to read again
-- from the provider, claimed by one instance at a time with a lease (claimed_until).
CREATE TABLE IF NOT EXISTS recur_portal_webhook_work (
	object_key VARCHAR(300) NOT NULL,
	due_at TIMESTAMP WITH TIME ZONE NOT NULL,
	latest_due_at TIMESTAMP WITH TIME ZONE NOT NULL,
	recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
	version BIGINT NOT NULL,
	attempts INTEGER NOT NULL,
	claim_id VARCHAR(64),
	claimed_until TIMESTAMP WITH TIME ZONE,
	-- The events waiting for the read, one URL-encoded line each.
	events CHARACTER VARYING NOT NULL,
	CONSTRAINT recur_portal_webhook_work_pk PRIMARY KEY (object_key)
);

CREATE INDEX IF NOT EXISTS recur_portal_webhook_work_due_ix ON recur_portal_webhook_work (due_at);

-- Provider calls made by background refreshes per second (epoch second), shared by all
-- instances so together they stay under the provider's rate limit.
CREATE TABLE IF NOT EXISTS recur_portal_provider_budget (
	window_start BIGINT NOT NULL,
	used INTEGER NOT NULL,
	CONSTRAINT recur_portal_provider_budget_pk PRIMARY KEY (window_start)
);

-- Email login attempts, one row each, so rate limits hold across instances.
CREATE TABLE IF NOT EXISTS recur_portal_login_attempt (
	id BIGINT GENERATED ALWAYS AS IDENTITY,
	rate_key VARCHAR(400) NOT NULL,
	attempted_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT recur_portal_login_attempt_pk PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS recur_portal_login_attempt_key_ix ON recur_portal_login_attempt (rate_key, attempted_at);

-- Billing email changes waiting for the new address to confirm them, one per customer;
-- the hash of the confirmation link's token, never the token.
CREATE TABLE IF NOT EXISTS recur_portal_email_change (
	customer_id VARCHAR(255) NOT NULL,
	token_hash VARCHAR(128) NOT NULL,
	account_id VARCHAR(255) NOT NULL,
	user_id VARCHAR(255),
	new_email VARCHAR(320) NOT NULL,
	configuration_id VARCHAR(100) NOT NULL,
	locale VARCHAR(35),
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT recur_portal_email_change_pk PRIMARY KEY (customer_id),
	CONSTRAINT recur_portal_email_change_token_uk UNIQUE (token_hash)
);

-- Billing emails sent to customers, one row per provider event and kind: the insert is
-- the claim, so each email goes out once whatever the redeliveries and instances.
CREATE TABLE IF NOT EXISTS recur_portal_sent_email (
	event_id VARCHAR(255) NOT NULL,
	kind VARCHAR(50) NOT NULL,
	claim_id VARCHAR(64) NOT NULL,
	claimed_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT recur_portal_sent_email_pk PRIMARY KEY (event_id, kind)
);

CREATE INDEX IF NOT EXISTS recur_portal_sent_email_claimed_ix ON recur_portal_sent_email (claimed_at);
