// Security keys and passkeys (WebAuthn), which only a script can ask the browser for. A form
// with data-webauthn="register" or "login" asks the server for the ceremony's options at its
// data-begin address, hands them to the browser, puts the browser's answer in its hidden
// "credential" field and is sent as any form: the server checks the answer and answers with a
// page. The forms are hidden until this script finds WebAuthn in the browser; everything
// else on the pages works without it.
(function () {
  "use strict";
  if (!window.PublicKeyCredential || !navigator.credentials) {
    return;
  }

  function fromB64(s) {
    s = s.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) {
      s += "=";
    }
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) {
      out[i] = bin.charCodeAt(i);
    }
    return out.buffer;
  }

  function toB64(buf) {
    var bytes = new Uint8Array(buf), bin = "";
    for (var i = 0; i < bytes.length; i++) {
      bin += String.fromCharCode(bytes[i]);
    }
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // options turns the server's JSON into what navigator.credentials takes: ids and
  // challenges as bytes.
  function options(pk) {
    pk.challenge = fromB64(pk.challenge);
    if (pk.user) {
      pk.user.id = fromB64(pk.user.id);
    }
    ["excludeCredentials", "allowCredentials"].forEach(function (k) {
      (pk[k] || []).forEach(function (c) { c.id = fromB64(c.id); });
    });
    return pk;
  }

  // answer is the browser's credential as JSON, bytes in base64url.
  function answer(cred) {
    var r = cred.response, out = {
      id: cred.id,
      rawId: toB64(cred.rawId),
      type: cred.type,
      authenticatorAttachment: cred.authenticatorAttachment || undefined,
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
      response: { clientDataJSON: toB64(r.clientDataJSON) }
    };
    if (r.attestationObject) {
      out.response.attestationObject = toB64(r.attestationObject);
      if (r.getTransports) {
        out.response.transports = r.getTransports();
      }
    } else {
      out.response.authenticatorData = toB64(r.authenticatorData);
      out.response.signature = toB64(r.signature);
      if (r.userHandle) {
        out.response.userHandle = toB64(r.userHandle);
      }
    }
    return JSON.stringify(out);
  }

  function setup(form) {
    var status = form.querySelector("[data-webauthn-status]");
    var button = form.querySelector("button[type=submit]");
    form.hidden = false;
    function say(msg) {
      if (status) {
        status.textContent = msg;
        status.hidden = !msg;
      }
    }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      say("");
      button.disabled = true;
      var body = new URLSearchParams();
      body.set("csrf", form.elements.csrf.value);
      fetch(form.dataset.begin, { method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (resp) {
          return resp.json().then(function (j) {
            if (!resp.ok) {
              throw new Error(j.error && j.error.message || resp.statusText);
            }
            return j;
          });
        })
        .then(function (j) {
          var pk = options(j.publicKey);
          return form.dataset.webauthn === "register" ? navigator.credentials.create({ publicKey: pk }) : navigator.credentials.get({ publicKey: pk });
        })
        .then(function (cred) {
          form.elements.credential.value = answer(cred);
          form.submit();
        })
        .catch(function (err) {
          button.disabled = false;
          say(err && err.name === "NotAllowedError" ? form.dataset.cancelled : (err && err.message) || String(err));
        });
    });
  }

  document.querySelectorAll("form[data-webauthn]").forEach(setup);
  document.querySelectorAll("[data-webauthn-missing]").forEach(function (el) { el.hidden = true; });
})();
