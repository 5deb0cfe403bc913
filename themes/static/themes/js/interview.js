/* 在线访谈 live page: new messages over WebSocket, polling when the socket fails, catch-up by event id. */
(function () {
  "use strict";
  var root = document.getElementById("interview");
  if (!root) { return; }

  var lastId = parseInt(root.dataset.lastEvent, 10) || 0;
  var status = root.dataset.status;
  var list = document.getElementById("interview-messages");
  var pinned = document.getElementById("interview-pinned");
  var questions = document.getElementById("interview-questions");
  var connection = document.getElementById("interview-connection");
  var socket = null;
  var failures = 0;
  var pollTimer = null;
  var catchingUp = false;
  var STATUS_LABELS = { scheduled: "预告", live: "直播中", ended: "已结束" };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function multiline(tag, className, text) {
    var node = el(tag, className);
    text.split("\n").forEach(function (line, index) {
      if (index) { node.appendChild(document.createElement("br")); }
      node.appendChild(document.createTextNode(line));
    });
    return node;
  }

  function renderMessage(message, prefix) {
    var item = el("li", "interview-message kind-" + message.kind + (message.pinned ? " is-pinned" : ""));
    item.id = (prefix || "message") + "-" + message.id;
    item.dataset.messageId = message.id;
    var head = el("p", "message-head");
    head.appendChild(el("strong", "speaker", message.speaker.label));
    if (message.speaker.title && message.kind !== "host") { head.appendChild(el("span", "speaker-title", message.speaker.title)); }
    var time = el("time", "", message.time.slice(5, 10) + " " + message.time.slice(11, 16));
    time.setAttribute("datetime", message.time);
    head.appendChild(time);
    if (message.supplement) { head.appendChild(el("span", "tag-supplement", "补录")); }
    if (message.pinned) { head.appendChild(el("span", "tag-pinned", "置顶")); }
    if (message.edited) { head.appendChild(el("span", "tag-edited", "已编辑")); }
    item.appendChild(head);
    if (message.question) {
      var quote = el("blockquote", "message-question");
      quote.appendChild(el("p", "asker", "[网友 " + message.question.nickname + "]"));
      quote.appendChild(multiline("p", "", message.question.text));
      item.appendChild(quote);
    }
    if (message.image) {
      var figure = el("figure", "message-image");
      var link = el("a");
      link.href = message.image.large;
      var image = el("img");
      image.src = message.image.url;
      image.width = message.image.width;
      image.height = message.image.height;
      image.alt = message.text || message.image.alt;
      link.appendChild(image);
      figure.appendChild(link);
      item.appendChild(figure);
    }
    if (message.text) { item.appendChild(multiline("p", "message-text", message.text)); }
    return item;
  }

  function removeNode(id) {
    var node = document.getElementById(id);
    if (node) { node.parentNode.removeChild(node); }
  }

  function showPinned() {
    pinned.parentNode.hidden = pinned.children.length === 0;
  }

  function placeMessage(message, append) {
    if (message.deleted) {
      removeNode("message-" + message.id);
      removeNode("pinned-" + message.id);
      showPinned();
      return;
    }
    var existing = document.getElementById("message-" + message.id);
    if (existing) {
      list.replaceChild(renderMessage(message), existing);
    } else if (append) {
      list.appendChild(renderMessage(message));
      removeNode("interview-empty");
    }
    removeNode("pinned-" + message.id);
    if (message.pinned) { pinned.insertBefore(renderMessage(message, "pinned"), pinned.firstChild); }
    showPinned();
    if (message.question) { removeNode("question-" + message.question.id); }
  }

  function setStatus(payload) {
    status = payload.status;
    root.dataset.status = status;
    document.getElementById("interview-status").textContent = payload.status_label || STATUS_LABELS[status];
    var ask = document.getElementById("ask");
    if (ask && status === "ended") { ask.hidden = true; }
  }

  function apply(frame) {
    var payload = frame.payload;
    switch (frame.type) {
      case "message.created":
        placeMessage(payload, true);
        break;
      case "message.edited":
      case "message.pinned":
      case "message.unpinned":
      case "message.deleted":
        placeMessage(payload, false);
        break;
      case "question.published":
        if (!payload.withdrawn && !document.getElementById("question-" + payload.id)) {
          var item = el("li");
          item.id = "question-" + payload.id;
          item.appendChild(el("strong", "", "[网友 " + payload.nickname + "]"));
          item.appendChild(document.createTextNode(" " + payload.text));
          questions.appendChild(item);
        }
        break;
      case "question.withdrawn":
        removeNode("question-" + payload.id);
        break;
      case "interview.started":
      case "interview.ended":
        setStatus(payload);
        break;
      default:
        break;
    }
  }

  function receive(frame) {
    if (frame.id <= lastId) { return; }
    if (frame.id > lastId + 1) { catchUp(); return; }
    lastId = frame.id;
    apply(frame);
  }

  function catchUp() {
    if (catchingUp) { return Promise.resolve(); }
    catchingUp = true;
    return fetch(root.dataset.eventsUrl + "?after=" + lastId, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (body) {
        body.events.forEach(receive);
        catchingUp = false;
        if (body.has_more) { return catchUp(); }
        return null;
      }, function (error) {
        catchingUp = false;
        throw error;
      });
  }

  function startPolling() {
    if (pollTimer) { return; }
    connection.textContent = "实时连接中断，正在定时刷新……";
    pollTimer = window.setInterval(function () { catchUp().catch(function () {}); }, 5000);
    catchUp().catch(function () {});
  }

  function stopPolling() {
    if (pollTimer) { window.clearInterval(pollTimer); pollTimer = null; }
    connection.textContent = "";
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    try {
      socket = new WebSocket(scheme + window.location.host + root.dataset.socketPath + "?after=" + lastId);
    } catch (error) {
      startPolling();
      return;
    }
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (error) { return; }
      if (frame.type === "ready") {
        failures = 0;
        stopPolling();
        if (frame.payload.last_id < lastId) { lastId = frame.payload.last_id; }
        root.dataset.connected = "true";
      } else if (typeof frame.id === "number") {
        receive(frame);
      }
    };
    socket.onclose = function () {
      root.dataset.connected = "false";
      failures += 1;
      if (failures >= 2) { startPolling(); }
      window.setTimeout(connect, Math.min(30000, 1000 * Math.pow(2, failures - 1)));
    };
  }

  var earlier = document.getElementById("load-earlier");
  if (earlier) {
    earlier.addEventListener("click", function () {
      var first = list.querySelector("[data-message-id]");
      var url = root.dataset.messagesUrl + (first ? "?before=" + first.dataset.messageId : "");
      earlier.disabled = true;
      fetch(url, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.json(); })
        .then(function (body) {
          var anchor = list.firstChild;
          body.messages.forEach(function (message) {
            if (!document.getElementById("message-" + message.id)) { list.insertBefore(renderMessage(message), anchor); }
          });
          earlier.disabled = false;
          if (!body.has_more) { earlier.parentNode.hidden = true; }
        })
        .catch(function () { earlier.disabled = false; });
    });
  }

  var form = document.getElementById("question-form");
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var result = document.getElementById("question-result");
      var data = {
        nickname: form.elements.nickname.value,
        text: form.elements.text.value,
        contact: form.elements.contact.value
      };
      result.textContent = "正在提交……";
      fetch(root.dataset.questionsUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": form.elements.csrfmiddlewaretoken.value },
        body: JSON.stringify(data)
      })
        .then(function (response) { return response.json(); })
        .then(function (body) {
          if (body.error) {
            var details = body.errors ? Object.keys(body.errors).map(function (key) { return body.errors[key].join(""); }) : [];
            result.textContent = [body.error].concat(details).join(" ");
          } else {
            result.textContent = body.message;
            form.elements.text.value = "";
          }
        })
        .catch(function () { result.textContent = "提交失败，请稍后再试。"; });
    });
  }

  if (status !== undefined) {
    if ("WebSocket" in window) { connect(); } else { startPolling(); }
  }
}());
