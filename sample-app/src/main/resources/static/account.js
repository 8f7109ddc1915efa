// Signs in as a demo user (a JWT from /demo/token) and shows what the portal API says.
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

    async function show(token) {
        const response = await fetch('/api/subscriptions/identity', {
            headers: { 'Authorization': 'Bearer ' + token, 'Accept': 'application/json' }
        });
        document.getElementById('identity').textContent = JSON.stringify(await response.json(), null, 2);
    }

    document.addEventListener('DOMContentLoaded', function () {
        // Billing returns to this page, on the origin the browser itself is on.
        document.getElementById('manage-billing').setAttribute('return-url', window.location.origin + '/account');
        const form = document.getElementById('sign-in');
        form.addEventListener('submit', async function (event) {
            event.preventDefault();
            const [account, user, role] = document.getElementById('demo-user').value.split(':');
            try {
                const token = await demoToken(account, user, role);
                sessionStorage.setItem('demoToken', token);
                await show(token);
            } catch (error) {
                document.getElementById('identity').textContent = error.message;
            }
        });
    });
})();
