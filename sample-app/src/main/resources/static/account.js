// Signs in as a demo user (a JWT from /demo/token) and shows what the portal API says.
// An account that is not a customer yet sees the plans and subscribes through checkout.
(function () {
    'use strict';

    async function demoToken(account, user, role) {
        const response = await fetch('/demo/token', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ account: account, user: user, role: role })
        });
        if (!response.ok) {
            throw new Error('Could not get a demo token (' + response.status + ')');
        }
        return (await response.json()).access_token;
    }

    async function api(method, path, token, body) {
        const response = await fetch(path, {
            method: method,
            headers: Object.assign({ 'Authorization': 'Bearer ' + token, 'Accept': 'application/json' },
                body ? { 'Content-Type': 'application/json' } : {}),
            body: body ? JSON.stringify(body) : undefined
        });
        const json = await response.json().catch(function () { return {}; });
        if (!response.ok) {
            const failure = new Error(json.detail || ('HTTP ' + response.status));
            failure.code = json.code;
            throw failure;
        }
        return json;
    }

    function status(text) {
        const element = document.getElementById('billing-status');
        element.textContent = text;
        element.hidden = !text;
    }

    function money(amount, currency) {
        return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() })
            .format(amount / 100);
    }

    // The plans the account's configuration offers; only owners get a button.
    async function showPlans(token) {
        const merchants = await api('GET', '/api/subscriptions/merchants', token);
        const list = document.getElementById('plan-list');
        list.textContent = '';
        merchants.plans.forEach(function (plan) {
            const item = document.createElement('li');
            item.className = 'plan';
            const name = document.createElement('span');
            name.textContent = plan.product_name + ' — ' + money(plan.unit_amount, plan.currency) + ' per ' + plan.interval;
            item.append(name);
            list.append(item);
        });
        document.getElementById('plans-owner-only').hidden = merchants.can_subscribe;
        document.getElementById('plans').hidden = false;
        // The portal itself starts the checkout: opening it makes the owner's account a
        // customer, and its page offers these plans.
        const manage = document.getElementById('manage-billing');
        manage.hidden = !merchants.can_subscribe;
        manage.querySelector('button').textContent = 'Choose a plan and subscribe';
    }

    async function show(token) {
        const identity = await api('GET', '/api/subscriptions/identity', token);
        document.getElementById('identity').textContent = JSON.stringify(identity, null, 2);
        document.getElementById('plans').hidden = true;
        const manage = document.getElementById('manage-billing');
        manage.hidden = false;
        manage.querySelector('button').textContent = 'Manage billing';
        if (identity.customer_id === null) {
            await showPlans(token);
        }
    }

    document.addEventListener('DOMContentLoaded', function () {
        // Billing returns to this page, on the origin the browser itself is on.
        const manage = document.getElementById('manage-billing');
        manage.setAttribute('return-url', window.location.origin + '/account');
        manage.addEventListener('recur-portal:error', function (event) {
            const token = sessionStorage.getItem('demoToken');
            if (event.detail && event.detail.code === 'customer_not_found' && token) {
                showPlans(token).catch(function (error) { status(error.message); });
            }
        });
        const form = document.getElementById('sign-in');
        form.addEventListener('submit', async function (event) {
            event.preventDefault();
            const [account, user, role] = document.getElementById('demo-user').value.split(':');
            try {
                const token = await demoToken(account, user, role);
                sessionStorage.setItem('demoToken', token);
                status('');
                await show(token);
            } catch (error) {
                document.getElementById('identity').textContent = error.message;
            }
        });
    });
})();
