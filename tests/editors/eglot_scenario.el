;;; eglot_scenario.el --- headless Emacs + eglot scenario for tests/editors -*- lexical-binding: t -*-
;; emacs --batch -l eglot_scenario.el FILE: open FILE with goenv-lsp attached through editors/emacs/goenv-lsp.el,
;; wait for the $GOENV_LSP_EXPECT diagnostic, and if $GOENV_LSP_FIX is set apply the code action whose title
;; starts with it through eglot's own code-action machinery, save, and wait for the diagnostic to go away.
;; Everything observed goes to the JSON file $GOENV_LSP_OUT.
(require 'eglot) (require 'flymake) (require 'json) (require 'seq)
(load (expand-file-name "emacs/goenv-lsp.el" (getenv "GOENV_LSP_EDITORS")) nil t)
(unless (fboundp 'go-dot-mod-mode)  ; Emacs 28 has no Go modes (Debian's elpa-go-mode would bring them)
  (define-derived-mode go-dot-mod-mode prog-mode "GoMod")
  (add-to-list 'auto-mode-alist '("/go\\.mod\\'" . go-dot-mod-mode)))
(setq goenv-lsp-command (append (json-read-from-string (getenv "GOENV_LSP_CMD")) nil)
      eglot-sync-connect t
      ;; no VCS here: the project is the directory holding go.mod
      project-find-functions (list (lambda (dir) (cons 'transient (locate-dominating-file dir "go.mod")))))

(defvar scenario-result nil)
(defvar scenario-timings nil)
(defvar scenario-server nil)
(defvar scenario-start (float-time))
(defun scenario-put (key value) (push (cons key value) scenario-result))
(defun scenario-mark (name) (push (cons name (round (* 1000 (- (float-time) scenario-start)))) scenario-timings))

(defun scenario-diags ()
  (mapcar (lambda (d)
            (let ((lsp (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d)))))
              `((code . ,(plist-get lsp :code)) (source . ,(plist-get lsp :source))
                (line . ,(1- (line-number-at-pos (flymake-diagnostic-beg d))))
                (col . ,(save-excursion (goto-char (flymake-diagnostic-beg d)) (- (point) (line-beginning-position))))
                (type . ,(format "%s" (flymake-diagnostic-type d))) (text . ,(flymake-diagnostic-text d)))))
          (flymake-diagnostics)))

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

(defun scenario-run (file expect fix)
  (with-current-buffer (find-file-noselect file)
    (scenario-put 'mode (symbol-name major-mode))
    (apply #'eglot (eglot--guess-contact))
    (let ((server (setq scenario-server (eglot-current-server))))
      (scenario-put 'server (and server (plist-get (eglot--server-info server) :name)))
      (scenario-put 'project (and server (project-root (eglot--project server)))))
    (let ((found (scenario-wait (lambda () (scenario-find expect)) 15)))
      (scenario-mark 'diagnostic)
      (scenario-put 'before (scenario-diags))
      (unless found (error "No %s diagnostic within 15 s" expect)))
    (unless (equal fix "")
      (let* ((diag (scenario-find expect))
             (actions (eglot-code-actions (flymake-diagnostic-beg diag) (flymake-diagnostic-end diag) "quickfix"))
             (chosen (seq-find (lambda (a) (string-prefix-p fix (plist-get a :title))) actions))
             (tick (buffer-modified-tick)))
        (scenario-put 'actions (mapcar (lambda (a) (plist-get a :title)) actions))
        (unless chosen (error "No code action titled %s…" fix))
        (scenario-put 'chosen `((title . ,(plist-get chosen :title)) (had_edit . ,(and (plist-get chosen :edit) t))))
        (if (fboundp 'eglot-execute)  ; newer eglot; 1.9 (Debian bookworm) has the helper below
            (eglot-execute (eglot-current-server) chosen)
          (eglot--read-execute-code-action (list chosen) (eglot-current-server) "quickfix"))
        (when (= tick (buffer-modified-tick)) (error "The code action changed nothing"))
        (scenario-mark 'applied)
        (save-buffer)
        (scenario-put 'gone (scenario-wait (lambda () (not (scenario-find expect))) 10))
        (scenario-mark 'gone)
        (scenario-put 'after (scenario-diags))
        (unless (cdr (assq 'gone scenario-result)) (error "%s still there 10 s after the fix" expect))))
    (ignore-errors (eglot-shutdown (eglot-current-server)))))

(scenario-put 'emacs emacs-version)
(scenario-put 'eglot (locate-library "eglot"))
(condition-case err
    (scenario-run (expand-file-name (pop command-line-args-left)) (getenv "GOENV_LSP_EXPECT") (getenv "GOENV_LSP_FIX"))
  (error (scenario-put 'error (error-message-string err))
         (when scenario-server  ; the JSON-RPC traffic, for the failure report
           (with-current-buffer (jsonrpc-events-buffer scenario-server)
             (scenario-put 'events (buffer-substring-no-properties (max (point-min) (- (point-max) 6000))
                                                                   (point-max)))))))
(scenario-put 'timings scenario-timings)
(with-temp-file (getenv "GOENV_LSP_OUT") (insert (json-encode scenario-result)))
(kill-emacs 0)
