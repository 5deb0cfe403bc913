/* 访谈控制台: post, moderate and direct the broadcast; every moderator's action arrives live. */
(function () {
  "use strict";
  var root = document.getElementById("console");
  if (!root) { return; }
  var csrf = root.querySelector("[name=csrfmiddlewaretoken]").value;
  var state = null;
  var lastIds = { public: 0, console: 0 };
  var filter = "pending";
  var socket = null;
  var failures = 0;
  var ACTION_LABELS = {
    asked: "提交了问题", approved: "通过了问题", rejected: "未通过问题", merged: "合并了问题",
    answered: "答复了问题", duplicate_added: "为问题合并了同类提问", reopened: "答复被删除，重新等待答复"
  };
  var FILTERS = [["pending", "待审核"], ["approved", "已通过"], ["answered", "已答复"], ["closed", "未通过/已合并"], ["all", "全部"]];

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function button(label, handler) {
    var node = el("button", "button button-small button-secondary", label);
    node.type = "button";
    node.addEventListener("click", handler);
    return node;
  }
  function showError(message) { $("console-error").textContent = message || ""; }

  // Actions go over the open console socket (answered by "ack" or "error"); images, roles, and
  // everything while the socket is down, go as HTTP POSTs.
  var pending = {};
  var requests = 0;
  var SOCKET_ACTIONS = ["start", "end", "publish-transcript", "post", "edit", "delete", "pin", "approve", "reject", "merge", "answer"];

  function act(action, data, isForm) {
    showError("");
    if (!isForm && socket && socket.readyState === WebSocket.OPEN && SOCKET_ACTIONS.indexOf(action) >= 0) {
      requests += 1;
      var id = "r" + requests;
      return new Promise(function (resolve, reject) {
        pending[id] = { resolve: resolve, reject: reject };
        socket.send(JSON.stringify({ type: "act", action: action, request: id, data: data || {} }));
      });
    }
    var options = { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrf } };
    if (isForm) {
      options.body = data;
    } else {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(data || {});
    }
    return fetch(root.dataset.actUrl + action + "/", options)
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (body.error) { showError(body.error); throw new Error(body.error); }
        return body;
      });
  }

  function settle(frame) {
    var request = pending[frame.payload.request];
    if (!request) { return false; }
    delete pending[frame.payload.request];
    if (frame.type === "ack") {
      request.resolve(frame.payload);
    } else {
      showError(frame.payload.message);
      request.reject(new Error(frame.payload.message));
    }
    return true;
  }

  function abandonPending() {
    Object.keys(pending).forEach(function (id) {
      pending[id].reject(new Error("connection lost"));
    });
    if (Object.keys(pending).length) { showError("实时连接中断，刚才的操作是否完成请以消息和提问列表为准。"); }
    pending = {};
  }

  function renderSpeakers() {
    var select = $("console-speaker");
    select.textContent = "";
    var options = [];
    if (state.me.guest === null) {
      options.push(["host", "主持人 " + state.interview.host_name]);
      options.push(["notice", "公告"]);
    }
    state.interview.guests.forEach(function (guest) {
      if (state.me.guest === null || state.me.guest === guest.id) {
        options.push(["guest:" + guest.id, "嘉宾 " + guest.name + "（" + guest.title + "）"]);
      }
    });
    options.forEach(function (option) {
      var node = el("option", "", option[1]);
      node.value = option[0];
      select.appendChild(node);
    });
  }

  function chosenGuest() {
    var value = $("console-speaker").value;
    if (value.indexOf("guest:") === 0) { return parseInt(value.slice(6), 10); }
    return state.me.guest || (state.interview.guests[0] && state.interview.guests[0].id);
  }

  function renderMessage(message) {
    var item = el("li", message.pinned ? "pinned" : "");
    item.id = "console-message-" + message.id;
    item.appendChild(el("div", "meta", message.time.slice(11, 16) + " " + message.speaker.label + (message.supplement ? " · 补录" : "") + (message.pinned ? " · 置顶" : "") + (message.edited ? " · 已编辑" : "")));
    if (message.question) { item.appendChild(el("div", "meta", "[网友 " + message.question.nickname + "] " + message.question.text)); }
    if (message.image) {
      var image = el("img");
      image.src = message.image.url;
      image.alt = message.image.alt;
      image.style.maxWidth = "200px";
      item.appendChild(image);
    }
    item.appendChild(el("div", "", message.text));
    if (state.me.can.curate) {
      var actions = el("div", "actions");
      actions.appendChild(button("编辑", function () {
        var text = window.prompt("修改内容", message.text);
        if (text !== null) { act("edit", { message: message.id, text: text }).catch(function () {}); }
      }));
      actions.appendChild(button(message.pinned ? "取消置顶" : "置顶", function () {
        act("pin", { message: message.id, pinned: !message.pinned }).catch(function () {});
      }));
      actions.appendChild(button("删除", function () {
        if (window.confirm("确定删除这条消息？所有观众将同时看不到它。")) { act("delete", { message: message.id }).catch(function () {}); }
      }));
      item.appendChild(actions);
    }
    return item;
  }

  function upsertMessage(message) {
    var existing = $("console-message-" + message.id);
    if (message.deleted) { if (existing) { existing.parentNode.removeChild(existing); } return; }
    var node = renderMessage(message);
    if (existing) { existing.parentNode.replaceChild(node, existing); } else { $("console-messages").appendChild(node); }
  }

  function matches(question) {
    if (filter === "all") { return true; }
    if (filter === "closed") { return question.status === "rejected" || question.status === "merged"; }
    return question.status === filter;
  }

  function renderQuestions() {
    var list = $("console-questions");
    list.textContent = "";
    state.questions.filter(matches).forEach(function (question) {
      var item = el("li", question.flagged_words.length ? "flagged" : "");
      item.id = "console-question-" + question.id;
      item.appendChild(el("div", "meta", "#" + question.id + " " + question.time.slice(11, 16) + " 网友 " + question.nickname + (question.contact ? "（联系方式：" + question.contact + "）" : "") + " · " + question.status_label + (question.duplicates ? " · 同类 " + question.duplicates + " 条" : "") + (question.merged_into ? " · 已合并到 #" + question.merged_into : "") + (question.moderated_by ? " · " + question.moderated_by : "")));
      if (question.flagged_words.length) { item.appendChild(el("div", "flag-words", "含敏感词：" + question.flagged_words.join("、"))); }
      item.appendChild(el("div", "", question.text));
      var actions = el("div", "actions");
      var open = question.status === "pending" || question.status === "approved";
      if (state.me.can.moderate && question.status === "pending") {
        actions.appendChild(button("通过", function () { act("approve", { question: question.id }).catch(function () {}); }));
      }
      if (state.me.can.moderate && open) {
        actions.appendChild(button("不通过", function () { act("reject", { question: question.id }).catch(function () {}); }));
        actions.appendChild(button("合并到…", function () {
          var into = window.prompt("合并到问题编号（#后面的数字）");
          if (into) { act("merge", { question: question.id, into: parseInt(into, 10) }).catch(function () {}); }
        }));
      }
      if (state.me.can.answer && open) {
        actions.appendChild(button("答复", function () {
          var text = window.prompt("以所选嘉宾身份答复（发言身份选择嘉宾）");
          if (text) { act("answer", { question: question.id, guest: chosenGuest(), text: text }).catch(function () {}); }
        }));
      }
      item.appendChild(actions);
      list.appendChild(item);
    });
  }

  function upsertQuestion(question) {
    var index = state.questions.findIndex(function (known) { return known.id === question.id; });
    if (index >= 0) { state.questions[index] = question; } else { state.questions.push(question); }
    renderQuestions();
  }

  function logActivity(text) {
    var item = el("li", "", new Date().toTimeString().slice(0, 5) + " " + text);
    $("console-activity").insertBefore(item, $("console-activity").firstChild);
  }

  function renderStatus() {
    $("console-state").textContent = state.interview.state_label;
    root.querySelector("[data-act=start]").hidden = !state.me.can.direct || state.interview.status !== "scheduled";
    root.querySelector("[data-act=end]").hidden = !state.me.can.direct || state.interview.status !== "live";
    root.querySelector("[data-act=publish-transcript]").hidden = !state.me.can.direct || state.interview.status !== "ended";
    $("console-post").hidden = !state.me.can.post;
  }

  function renderStaff() {
    if (!state.me.manage_roles) { return; }
    $("console-staff").hidden = false;
    var list = $("console-staff-list");
    list.textContent = "";
    state.staff.forEach(function (member) {
      var item = el("li", "", member.name + "（" + member.user + "）：" + member.role_label + (member.guest ? " · " + member.guest : ""));
      item.appendChild(button("移除", function () {
        act("remove-role", { role: member.id }).then(load).catch(function () {});
      }));
      list.appendChild(item);
    });
    var roles = $("console-role-choice");
    if (!roles.children.length) {
      state.role_choices.forEach(function (choice) {
        var option = el("option", "", choice.label);
        option.value = choice.value;
        roles.appendChild(option);
      });
      state.interview.guests.forEach(function (guest) {
        var option = el("option", "", guest.name);
        option.value = guest.id;
        $("console-role-guest").appendChild(option);
      });
    }
  }

  function renderFilters() {
    var bar = $("console-filters");
    bar.textContent = "";
    FILTERS.forEach(function (entry) {
      var node = button(entry[1], function () { filter = entry[0]; renderFilters(); renderQuestions(); });
      node.setAttribute("aria-pressed", String(filter === entry[0]));
      bar.appendChild(node);
    });
  }

  function load() {
    return fetch(root.dataset.stateUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (body.error) { showError(body.error); return; }
        state = body;
        lastIds = { public: body.last_ids.public, console: body.last_ids.console };
        $("console-messages").textContent = "";
        body.messages.forEach(upsertMessage);
        renderSpeakers();
        renderStatus();
        renderFilters();
        renderQuestions();
        renderStaff();
      });
  }

  function apply(frame) {
    var payload = frame.payload;
    if (frame.type.indexOf("message.") === 0) {
      upsertMessage(payload);
    } else if (frame.type === "interview.started" || frame.type === "interview.ended") {
      state.interview.status = payload.status;
      state.interview.state_label = payload.status_label;
      renderStatus();
      logActivity("直播" + payload.status_label);
    } else if (frame.type === "question.created" || frame.type === "question.updated") {
      upsertQuestion(payload);
      logActivity(payload.actor + " " + (ACTION_LABELS[payload.action] || payload.action) + " #" + payload.id);
    }
  }

  function receive(frame) {
    var last = lastIds[frame.stream];
    if (frame.id <= last) { return; }
    if (frame.id > last + 1) { reconnect(); return; }
    lastIds[frame.stream] = frame.id;
    apply(frame);
  }

  function reconnect() {
    if (socket) { socket.onclose = null; socket.close(); abandonPending(); }
    load().then(connect);
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + root.dataset.socketPath + "?public_after=" + lastIds.public + "&console_after=" + lastIds.console);
    socket.onmessage = function (event) {
      var frame = JSON.parse(event.data);
      if (frame.type === "ready") {
        failures = 0;
        $("console-connection").textContent = "实时连接正常";
      } else if ((frame.type === "ack" || frame.type === "error") && settle(frame)) {
        return;
      } else if (frame.type === "error") {
        showError(frame.payload.message);
      } else if (typeof frame.id === "number") {
        receive(frame);
      }
    };
    socket.onclose = function () {
      abandonPending();
      failures += 1;
      $("console-connection").textContent = "实时连接中断，正在重连……";
      window.setTimeout(function () { load().then(connect); }, Math.min(30000, 1000 * Math.pow(2, failures - 1)));
    };
  }

  root.querySelectorAll("[data-act]").forEach(function (node) {
    node.addEventListener("click", function () {
      var action = node.dataset.act;
      if (action === "end" && !window.confirm("确定结束直播？结束后访谈页将显示文字实录。")) { return; }
      act(action, {}).catch(function () {});
    });
  });

  $("console-post").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    var speaker = $("console-speaker").value;
    var file = form.elements.image.files[0];
    var request;
    if (file) {
      var data = new FormData();
      data.append("kind", "image");
      data.append("image", file);
      data.append("caption", form.elements.text.value);
      if (speaker.indexOf("guest:") === 0) { data.append("guest", speaker.slice(6)); }
      request = act("post", data, true);
    } else {
      var payload = { text: form.elements.text.value };
      if (speaker.indexOf("guest:") === 0) {
        payload.kind = "guest";
        payload.guest = parseInt(speaker.slice(6), 10);
      } else {
        payload.kind = speaker;
      }
      request = act("post", payload);
    }
    request.then(function () { form.reset(); renderSpeakers(); }).catch(function () {});
  });

  $("console-role").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    act("add-role", {
      username: form.elements.username.value,
      role: form.elements.role.value,
      guest: form.elements.guest.value ? parseInt(form.elements.guest.value, 10) : null
    }).then(function () { form.reset(); return load(); }).catch(function () {});
  });

  // Whoever only hands out roles has no role of their own: no live stream for them.
  load().then(function () { if (state && state.me.can.view) { connect(); } });
}());
