/* Demo page: a stable local user id, a name field, Web Chat over the local Direct Line endpoint. */
(function () {
  "use strict";
  var STORAGE_KEY = "itFeedback.webchat.user";

  function randomId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  }

  function loadUser() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
      if (saved && typeof saved.id === "string" && saved.id) return saved;
    } catch (e) {
      /* unreadable storage: start fresh */
    }
    var user = { id: "dl_" + randomId(), name: "" };
    saveUser(user);
    return user;
  }

  function saveUser(user) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(user));
    } catch (e) {
      /* private mode */
    }
  }

  var user = loadUser();
  var nameInput = document.getElementById("name");
  nameInput.value = user.name || "";
  nameInput.addEventListener("input", function () {
    user.name = nameInput.value.trim().slice(0, 80);
    saveUser(user);
  });

  function displayName() {
    return user.name || "Web chat user";
  }

  async function startChat() {
    var response = await fetch("/v3/directline/tokens/generate", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: { id: user.id, name: displayName() } }),
    });
    if (!response.ok) throw new Error("token request failed: " + response.status);
    var session = await response.json();
    var directLine = window.WebChat.createDirectLine({
      token: session.token,
      domain: window.location.origin + "/v3/directline",
      webSocket: false,
      pollingInterval: 700,
    });
    // The name field applies to every message sent after it changes.
    var store = window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === "DIRECT_LINE/POST_ACTIVITY" && action.payload && action.payload.activity) {
            var activity = action.payload.activity;
            var channelData = Object.assign({}, activity.channelData, { displayName: displayName() });
            action = Object.assign({}, action, {
              payload: Object.assign({}, action.payload, {
                activity: Object.assign({}, activity, { channelData: channelData }),
              }),
            });
          }
          return next(action);
        };
      };
    });
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        userID: user.id,
        username: displayName(),
        locale: "en-US",
        styleOptions: {
          accent: "#0F6CBD",
          backgroundColor: "#FFFFFF",
          botAvatarInitials: "IT",
          userAvatarInitials: "Me",
          bubbleBorderRadius: 10,
          bubbleFromUserBorderRadius: 10,
          bubbleFromUserBackground: "#E8F1FB",
          bubbleFromUserBorderColor: "#C7DDF5",
          bubbleBorderColor: "#E1E5EA",
          hideUploadButton: true,
          sendBoxButtonColor: "#0F6CBD",
          primaryFont: "'Segoe UI', 'Liberation Sans', Arial, sans-serif",
          rootHeight: "100%",
          cardEmphasisBackgroundColor: "#F5F8FB",
        },
      },
      document.getElementById("webchat"),
    );
    document.querySelector("#webchat").focus();
  }

  function text(tag, className, value) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    el.textContent = value;
    return el;
  }

  async function showDigest() {
    var box = document.getElementById("digest");
    try {
      var response = await fetch("/digest/latest.json", { headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      var digest = await response.json();
      box.textContent = "";
      var title = digest.title || digest.period || digest.week || "Latest digest";
      box.appendChild(text("strong", "", String(title)));
      var summary = digest.summary || digest.headline || digest.narrative;
      if (summary) box.appendChild(text("p", "", String(summary).slice(0, 600)));
      if (typeof digest.chartUrl === "string" && /^\//.test(digest.chartUrl)) {
        var img = document.createElement("img");
        img.src = digest.chartUrl;
        img.alt = "Digest chart";
        box.appendChild(img);
      }
      var link = text("a", "", "Open the full digest (JSON)");
      link.href = "/digest/latest.json";
      box.appendChild(link);
    } catch (e) {
      box.textContent = "No digest has been sent yet. It appears here after the first weekly run.";
      box.classList.add("empty");
    }
  }

  startChat().catch(function () {
    document.getElementById("chat-error").hidden = false;
  });
  showDigest();
})();
