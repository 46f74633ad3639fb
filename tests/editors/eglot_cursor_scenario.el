;;; eglot_cursor_scenario.el --- eglot code actions with point anywhere on a line -*- lexical-binding: t -*-
;; emacs --batch -l eglot_cursor_scenario.el FILE: open FILE with goenv-lsp attached through
;; editors/emacs/goenv-lsp.el and wait for the $GOENV_LSP_EXPECT diagnostic. Then, for each of four places on
;; its line that are outside the diagnostic (the start of the line, in the key, right after its end, the end):
;; put point there, run `M-x eglot-code-actions' as a user does (no region), pick the action whose title
;; starts with $GOENV_LSP_FIX from the menu eglot offers, save, wait for the diagnostic to go away, and put the
;; file back as it was for the next place. Everything observed goes to the JSON file $GOENV_LSP_OUT.
(require 'eglot) (require 'flymake) (require 'json) (require 'seq) (require 'cl-lib)
(load (expand-file-name "emacs/goenv-lsp.el" (getenv "GOENV_LSP_EDITORS")) nil t)
(setq goenv-lsp-command (append (json-read-from-string (getenv "GOENV_LSP_CMD")) nil)
      eglot-sync-connect t
      ;; no VCS here: the project is the directory holding go.mod
      project-find-functions (list (lambda (dir) (cons 'transient (locate-dominating-file dir "go.mod")))))

(defvar scenario-result nil)
(defvar scenario-server nil)
(defvar scenario-published nil "The codes of the server's last publication for the file, or `pending'.")
(defun scenario-put (key value) (push (cons key value) scenario-result))

(defvar scenario-asked nil "What the last textDocument/codeAction request sent: its range and context size.")
(advice-add 'jsonrpc-request :before
            (lambda (_connection method params &rest _)
              (when (eq method :textDocument/codeAction)
                (let ((range (plist-get params :range)))
                  (setq scenario-asked
                        `((start . ,(plist-get (plist-get range :start) :character))
                          (end . ,(plist-get (plist-get range :end) :character))
                          (context . ,(length (plist-get (plist-get params :context) :diagnostics)))))))))

(cl-defmethod eglot-handle-notification :after
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics &allow-other-keys)
  (when (string-suffix-p "/settings.json" uri)
    (setq scenario-published (mapcar (lambda (d) (plist-get d :code)) diagnostics))))

(defun scenario-find (code)
  (seq-find (lambda (d) (equal code (plist-get (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d))) :code)))
            (flymake-diagnostics)))

(defun scenario-wait (pred seconds)
  "Batch Emacs runs no post-command-hook: restart flymake by hand until PRED holds."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (flymake-start)
      (accept-process-output nil 0.05))
    (funcall pred)))

(defun scenario-pick (prefix)
  "Run `eglot-code-actions' interactively at point; the menu's answer is the title starting with PREFIX.
Returns the titles eglot offered."
  (let ((offered nil)
        (last-nonmenu-event ?\r))  ; a keyboard event: eglot asks with `completing-read', not a pop-up menu
    (let ((completing-read-function  ; the user's answer to eglot's menu
           (lambda (_prompt collection &rest _)
             (setq offered (mapcar (lambda (item) (if (consp item) (car item) item)) collection))
             (or (seq-find (lambda (title) (string-prefix-p prefix title)) offered)
                 (error "No code action titled %s… among %S" prefix offered)))))
      (call-interactively #'eglot-code-actions))
    offered))

(defun scenario-place (name expect fix original)
  "Point at NAME's place on EXPECT's line, the fix chosen and applied, the file saved: what happened."
  (let* ((diag (or (scenario-find expect) (error "No %s diagnostic" expect)))
         (beg (flymake-diagnostic-beg diag)) (end (flymake-diagnostic-end diag))
         (where (pcase name
                  ("start" (save-excursion (goto-char beg) (line-beginning-position)))
                  ("key" (save-excursion (goto-char beg) (+ (line-beginning-position) 5)))  ; in "go.goroot"
                  ("after" end)  ; right after the value: outside the diagnostic for flymake (its end is exclusive)
                  ("end" (save-excursion (goto-char beg) (line-end-position)))))
         (tick (buffer-modified-tick))
         (entry `((place . ,name))))
    (goto-char where)
    (push `(column . ,(- (point) (line-beginning-position))) entry)  ; characters, not display columns
    (push `(diagnostics_at_point . ,(length (flymake-diagnostics (point)))) entry)
    (push `(range . [,(- beg (line-beginning-position)) ,(- end (line-beginning-position))]) entry)
    (setq scenario-published 'pending)
    (push `(offered . ,(vconcat (scenario-pick fix))) entry)
    (push `(asked . ,scenario-asked) entry)
    (push `(changed . ,(/= tick (buffer-modified-tick))) entry)
    (save-buffer)
    ;; gone from the buffer, and the server published the file again without it
    (push `(gone . ,(scenario-wait (lambda () (and (not (scenario-find expect)) (listp scenario-published)
                                                   (not (member expect scenario-published))))
                                   10))
          entry)
    (push `(published . ,(vconcat (and (listp scenario-published) scenario-published))) entry)
    (push `(line . ,(buffer-substring-no-properties (line-beginning-position) (line-end-position))) entry)
    ;; back to the broken file for the next place
    (erase-buffer)
    (insert original)
    (save-buffer)
    (unless (scenario-wait (lambda () (scenario-find expect)) 15)
      (error "No %s diagnostic again after restoring the file" expect))
    entry))

(defun scenario-run (file expect fix)
  (with-current-buffer (find-file-noselect file)
    (apply #'eglot (eglot--guess-contact))
    (setq scenario-server (eglot-current-server))
    (scenario-put 'server (and scenario-server (plist-get (eglot--server-info scenario-server) :name)))
    (unless (scenario-wait (lambda () (scenario-find expect)) 15)
      (error "No %s diagnostic within 15 s" expect))
    (let ((original (buffer-substring-no-properties (point-min) (point-max))))
      (scenario-put 'places (vconcat (mapcar (lambda (name) (scenario-place name expect fix original))
                                             '("start" "key" "after" "end")))))
    (ignore-errors (eglot-shutdown scenario-server))))

(scenario-put 'emacs emacs-version)
(condition-case err
    (scenario-run (expand-file-name (pop command-line-args-left)) (getenv "GOENV_LSP_EXPECT") (getenv "GOENV_LSP_FIX"))
  (error (scenario-put 'error (error-message-string err))
         (when scenario-server  ; the JSON-RPC traffic, for the failure report
           (with-current-buffer (jsonrpc-events-buffer scenario-server)
             (scenario-put 'events (buffer-substring-no-properties (max (point-min) (- (point-max) 6000))
                                                                   (point-max)))))))
(with-temp-file (getenv "GOENV_LSP_OUT") (insert (json-encode scenario-result)))
(kill-emacs 0)
