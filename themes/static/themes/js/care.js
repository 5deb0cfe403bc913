/* 适老化 mode, the parts only a browser's script can do: the reading guide line that follows the
   pointer, and reading the page aloud through the browser's own speech synthesis. Type size,
   contrast, spacing and cursor come from /care.css and work without this script. */
(function () {
  "use strict";

  function guideLine() {
    var line = document.createElement("div");
    line.className = "care-guide-line";
    line.setAttribute("aria-hidden", "true");
    document.body.appendChild(line);
    document.addEventListener("mousemove", function (event) {
      line.style.top = event.clientY - line.offsetHeight / 2 + "px";
    });
  }

  function readAloud(button) {
    var synthesis = window.speechSynthesis;
    button.hidden = false;
    button.addEventListener("click", function () {
      if (synthesis.speaking) {
        synthesis.cancel();
        button.setAttribute("aria-pressed", "false");
        return;
      }
      var main = document.getElementById("main");
      var utterance = new SpeechSynthesisUtterance(main ? main.innerText : document.body.innerText);
      utterance.lang = "zh-CN";
      utterance.rate = 0.9;
      utterance.onend = utterance.onerror = function () {
        button.setAttribute("aria-pressed", "false");
      };
      button.setAttribute("aria-pressed", "true");
      synthesis.speak(utterance);
    });
  }

  function start() {
    var styles = getComputedStyle(document.documentElement);
    if (styles.getPropertyValue("--care-guide").trim() === "1") {
      guideLine();
    }
    var button = document.querySelector(".care-speak");
    if (button && "speechSynthesis" in window && typeof SpeechSynthesisUtterance === "function") {
      readAloud(button);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
