;;; readme_verify.el --- run editors/README.md's Emacs verify commands -*- lexical-binding: t -*-
;; Loaded by the `emacs' shim of tests/editors/test_readme_steps.py after the user's ~/.emacs.d/init.el.
;; Batch Emacs has no command loop, so this does what the loop would: visit the file named on the command line
;; (as `emacs FILE' does), run `post-command-hook' once (where `eglot-ensure' connects), and keep flymake
;; starting until goenv-lsp's diagnostic is there.  Then run the README's commands ($GOENV_TEST_COMMANDS, a
;; JSON list of "M-x NAME") with `call-interactively' and record the text of every other buffer on display
;; after each.  Everything goes to the JSON file $GOENV_TEST_OUT.
(require 'json)
(require 'seq)

(defvar readme-result nil)
(defun readme-put (key value) (push (cons key value) readme-result))

(defun readme-wait-for-diagnostic (seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
      (flymake-start)
      (accept-process-output nil 0.05))
    (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))

(defun readme-shown (file-buffer)
  "Name and text of each buffer on display but FILE-BUFFER."
  (delq nil (mapcar (lambda (window)
                      (let ((buffer (window-buffer window)))
                        (unless (eq buffer file-buffer)
                          `((buffer . ,(buffer-name buffer))
                            (text . ,(with-current-buffer buffer (buffer-substring-no-properties
                                                                  (point-min) (point-max))))))))
                    (window-list))))

(defun readme-run (file commands)
  (find-file file)
  (run-hooks 'post-command-hook)
  (let ((file-buffer (current-buffer)))
    (readme-put 'mode (symbol-name major-mode))
    (readme-put 'mode-file (symbol-file major-mode 'defun))
    (let ((start (float-time)))
      (readme-put 'diagnostics (readme-wait-for-diagnostic 20))
      (readme-put 'waited_ms (round (* 1000 (- (float-time) start)))))
    (readme-put 'eglot (and (fboundp 'eglot-current-server) (eglot-current-server) t))
    (readme-put 'steps (mapcar (lambda (command)
                                 (set-buffer (window-buffer (selected-window)))
                                 (call-interactively (intern (string-remove-prefix "M-x " command)))
                                 (accept-process-output nil 0.2)
                                 `((command . ,command) (shown . ,(readme-shown file-buffer))))
                               commands))
    (ignore-errors (with-current-buffer file-buffer (eglot-shutdown (eglot-current-server))))))

(readme-put 'emacs emacs-version)
(condition-case err
    (readme-run (expand-file-name (pop command-line-args-left))
                (append (json-read-from-string (getenv "GOENV_TEST_COMMANDS")) nil))
  (error (readme-put 'error (error-message-string err))))
(with-temp-file (getenv "GOENV_TEST_OUT") (insert (json-encode readme-result)))
(kill-emacs 0)
