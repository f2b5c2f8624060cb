/*
 * The web chat page: two Web Chat panes over the local Direct Line endpoint: the user's own chat
 * with the bot ("Report a problem", resumed after a reload) and the shared IT triage room. Plus the
 * latest CMIO digest and its chart.
 * - Loopback demo (GET /auth/me says mode "demo"): no sign-in; a stable local user (id in
 *   localStorage) and a name field.
 * - Signed in (OpenID Connect): the server knows the user; the page sends no user id, only the
 *   session's CSRF token with token requests; the IT pane shows only for users with triage rights.
 * People's messages are shown as plain text (never Markdown links or remote images), whoever sent them.
 */
(function () {
  "use strict";
  var USER_KEY = "itFeedback.webchat.user";
  var SESSION_KEY = "itFeedback.webchat.session";
  /* The digest box follows the data (seed-demo into a running demo shows up within this); ?digestPollMs= for tests. */
  var pollOverride = Number(new URLSearchParams(window.location.search).get("digestPollMs"));
  var DIGEST_POLL_MS = pollOverride >= 200 ? pollOverride : 15000;

  /* Short: the id shows in IT's audit trail next to the name. */
  function randomId() {
    var bytes = new Uint8Array(6);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  }

  function load(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (e) {
      return null; /* unreadable storage: start fresh */
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) {
      /* private mode */
    }
  }

  /* Set by start(): null in the demo; { user, csrf, rooms } when signed in. */
  var account = null;
  var user = load(USER_KEY);
  if (!user || typeof user.id !== "string" || !user.id) {
    user = { id: "dl_" + randomId(), name: "" };
    save(USER_KEY, user);
  }
  var nameInput = document.getElementById("name");
  nameInput.value = user.name || "";
  nameInput.addEventListener("input", function () {
    if (account) return;
    user.name = nameInput.value.trim().slice(0, 80);
    save(USER_KEY, user);
  });

  function displayName() {
    return user.name || "Web chat user";
  }

  /* Anything not from the bot is shown as plain text, without attachments (the server does so too). */
  function plainFromPeople(activity) {
    var role = activity.from && activity.from.role;
    if (role === "bot") return activity;
    var copy = Object.assign({}, activity, { textFormat: "plain" });
    delete copy.attachments;
    delete copy.suggestedActions;
    return copy;
  }

  /* The name field applies to every message sent after it changes, in both panes. */
  function createStore() {
    return window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === "DIRECT_LINE/INCOMING_ACTIVITY" && action.payload && action.payload.activity) {
            action = Object.assign({}, action, {
              payload: Object.assign({}, action.payload, { activity: plainFromPeople(action.payload.activity) }),
            });
          }
          if (!account && action.type === "DIRECT_LINE/POST_ACTIVITY" && action.payload && action.payload.activity) {
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
  }

  var STYLE = {
    accent: "#0F6CBD",
    backgroundColor: "#FFFFFF",
    botAvatarInitials: "IT",
    userAvatarInitials: "Me",
    bubbleBorderRadius: 8,
    bubbleFromUserBorderRadius: 8,
    bubbleFromUserBackground: "#E8F1FB",
    bubbleFromUserBorderColor: "#C7DDF5",
    bubbleBorderColor: "#DDE2E8",
    bubbleMaxWidth: 520,
    bubbleMinWidth: 220,
    hideUploadButton: true,
    sendBoxButtonColor: "#0F6CBD",
    primaryFont: "'Segoe UI', 'Liberation Sans', Arial, sans-serif",
    rootHeight: "100%",
    cardEmphasisBackgroundColor: "#F5F8FB",
  };

  async function token(request) {
    var headers = { "content-type": "application/json" };
    if (account) {
      headers["x-csrf-token"] = account.csrf;
      delete request.user; /* the server knows who is signed in */
    }
    var response = await fetch("/v3/directline/tokens/generate", {
      method: "POST",
      headers: headers,
      credentials: "same-origin",
      body: JSON.stringify(request),
    });
    if (!response.ok) throw new Error("token request failed: " + response.status);
    return response.json();
  }

  function render(element, session, placeholder) {
    var directLine = window.WebChat.createDirectLine({
      token: session.token,
      domain: window.location.origin + "/v3/directline",
      webSocket: false,
      pollingInterval: 700,
    });
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: createStore(),
        userID: user.id,
        username: displayName(),
        locale: "en-US",
        styleOptions: STYLE,
        overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: placeholder },
      },
      element,
    );
    return directLine;
  }

  async function startReportPane() {
    var saved = load(SESSION_KEY);
    var request = { user: { id: user.id, name: displayName() } };
    if (saved && typeof saved.token === "string") request.resume = saved.token;
    var session = await token(request);
    save(SESSION_KEY, { token: session.token });
    render(document.getElementById("webchat"), session, "Describe the problem: what, where, since when");
  }

  var triageLine = null;
  async function startTriagePane(room) {
    var session = await token({ user: { id: user.id, name: displayName() }, room: room });
    if (triageLine) triageLine.end();
    var element = document.getElementById("triage-chat");
    element.textContent = "";
    triageLine = render(element, session, 'Type a command, e.g. "list open"');
  }

  /* Other configured "webchat:<name>" rooms appear in a picker once they have had a message. */
  async function listRooms() {
    var response = await fetch("/webchat/rooms", { headers: { accept: "application/json" } });
    if (!response.ok) return;
    var rooms = (await response.json()).rooms || [];
    var select = document.getElementById("room");
    if (rooms.length < 2 || select.options.length === rooms.length) return;
    var current = select.value || "triage";
    select.textContent = "";
    rooms.forEach(function (room) {
      var option = document.createElement("option");
      option.value = room.name;
      option.textContent = room.title;
      select.appendChild(option);
    });
    select.value = current;
    document.getElementById("room-picker").hidden = false;
  }

  document.getElementById("room").addEventListener("change", function (event) {
    var select = event.target;
    document.getElementById("triage-name").textContent = select.options[select.selectedIndex].textContent;
    startTriagePane(select.value).catch(function () {
      document.getElementById("triage-error").hidden = false;
    });
  });

  function el(tag, className, value) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (value !== undefined) node.textContent = value;
    return node;
  }

  /* The digest text is Markdown; the box shows its totals line and its top block as plain text. */
  function summaryLines(text) {
    var lines = String(text || "").split("\n");
    var plain = function (line) {
      return line
        .replace(/^#+\s*/, "")
        .replace(/^[-*]\s+/, "• ")
        .replace(/\*\*|__|`/g, "")
        .replace(/\\(.)/g, "$1")
        .trim();
    };
    var out = lines.slice(1, 2).map(plain);
    var start = lines.findIndex(function (line) {
      return /^## Needs your attention/.test(line);
    });
    if (start >= 0) for (var i = start + 1; i < lines.length && lines[i].trim(); i++) out.push(plain(lines[i]));
    return out.filter(Boolean).slice(0, 6);
  }

  var digestVersion = null;

  /* Polls latest.json; redraws the box (and reloads the chart) only when the data changed. */
  async function showDigest() {
    var box = document.getElementById("digest");
    try {
      var response = await fetch("/digest/latest.json", { headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      var digest = await response.json();
      var period = String(digest.period || "");
      var version = period + "|" + String(digest.version || "");
      if (version === digestVersion) return;
      digestVersion = version;
      box.textContent = "";
      box.classList.remove("empty");
      box.appendChild(el("strong", "", period ? "Week " + period : "Latest week"));
      summaryLines(digest.text).forEach(function (line) {
        box.appendChild(el("p", "digest-line", line.slice(0, 200)));
      });
      if (/^\d{4}-W\d{2}$/.test(period)) {
        var chart = "/digest/" + encodeURIComponent(period) + "/chart.png";
        var img = el("img");
        img.src = chart + "?v=" + encodeURIComponent(String(digest.version || ""));
        img.alt = "Chart: reports per week over 12 weeks to " + period + ", patient-safety reports in red";
        img.id = "digest-chart";
        var open = el("a");
        open.href = img.src;
        open.target = "_blank";
        open.rel = "noopener";
        open.appendChild(img);
        box.appendChild(open);
        box.appendChild(el("p", "caption", "Select the chart to open it full size."));
      }
      var link = el("a", "more", "Full digest (JSON)");
      link.href = "/digest/latest.json";
      box.appendChild(link);
    } catch (e) {
      if (digestVersion !== null) return; // keep the last digest shown through a passing error
      box.textContent = "No digest yet. It appears here, and in IT triage, after the first weekly run.";
      box.classList.add("empty");
    }
  }

  /* Demo or signed in? Not signed in (401): off to the identity provider. */
  async function whoAmI() {
    var response = await fetch("/auth/me", { headers: { accept: "application/json" }, credentials: "same-origin" });
    if (response.status === 401) {
      window.location.assign("/auth/login");
      return null;
    }
    var me = await response.json();
    if (me.mode !== "signed-in") return { demo: true };
    account = { user: me.user, csrf: me.csrf, rooms: me.rooms === true };
    user = { id: me.user.id, name: me.user.name };
    document.getElementById("name-field").hidden = true;
    document.getElementById("demo-note").hidden = true;
    document.getElementById("signed-in-name").textContent = me.user.name;
    document.getElementById("signed-in").hidden = false;
    document.getElementById("sign-out").addEventListener("click", function () {
      fetch("/auth/logout", { method: "POST", headers: { "x-csrf-token": account.csrf }, credentials: "same-origin" })
        .catch(function () {})
        .then(function () {
          window.localStorage.removeItem(SESSION_KEY);
          window.location.assign("/auth/login");
        });
    });
    return { demo: false };
  }

  whoAmI().then(
    function (mode) {
      if (!mode) return;
      startReportPane().catch(function () {
        document.getElementById("chat-error").hidden = false;
      });
      if (account && !account.rooms) {
        document.querySelector(".pane.triage").hidden = true;
      } else {
        startTriagePane("triage").catch(function () {
          document.getElementById("triage-error").hidden = false;
        });
        listRooms().catch(function () {});
        window.setInterval(function () {
          listRooms().catch(function () {});
        }, 15000);
      }
      showDigest();
      window.setInterval(function () {
        showDigest().catch(function () {});
      }, DIGEST_POLL_MS);
    },
    function () {
      document.getElementById("chat-error").hidden = false;
    },
  );
})();
