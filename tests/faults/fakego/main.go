// Command fakego stands in for the go command in goenv-lsp's fault tests. Its build info is patched to say
// "path cmd/go" (tests/faults/fakego.py), so goenv-lsp runs it as it runs a real go. What it does comes from
// the file <executable>.mode next to it: a mode and an optional number,
//
//	healthy         answer `version`, `version [-m] FILE…` and `env [-json] [NAMES…]` (after `-C DIR`)
//	                as go1.27.3 would
//	hang            sleep forever
//	hang-setsid     start a child in a new session that holds stdout and stderr, then sleep forever
//	daemon-setsid   the same child, then exit at once
//	crash-segv      die of SIGSEGV
//	crash-abort     panic with GOTRACEBACK=crash: a stack, then SIGABRT
//	crash-exit2     a nil pointer dereference: a stack, exit status 2
//	garbage-random  print random bytes for every command
//	garbage-json    answer `version`; print truncated JSON for `env`
//	garbage-nested  answer `version`; print N (default 100000) `[` for `env`
//	stderr-warning  answer as healthy, with a warning on stderr
//	slow            sleep N seconds, then answer as healthy
//
// Only the standard library; no cgo (it is built with CGO_ENABLED=0).
package main

import (
	"bytes"
	"debug/buildinfo"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

const (
	goVersion = "go1.27.3"
	childEnv  = "FAKEGO_SETSID_CHILD"
)

func main() {
	if os.Getenv(childEnv) != "" {
		sleepForever()
	}
	exe, err := os.Executable()
	if err != nil {
		fail(2, "fakego: %v", err)
	}
	mode, number := readMode(exe + ".mode")
	args := os.Args[1:]
	switch mode {
	case "healthy":
	case "hang":
		sleepForever()
	case "hang-setsid":
		startSetsidChild(exe)
		sleepForever()
	case "daemon-setsid":
		startSetsidChild(exe)
		fmt.Println("go: starting")
		os.Exit(0)
	case "crash-segv":
		dieOf(syscall.SIGSEGV)
	case "crash-abort":
		noCoreFiles()
		debug.SetTraceback("crash")
		panic("fakego: abort")
	case "crash-exit2":
		var p *[1]int
		fmt.Println(p[0])
	case "garbage-random":
		garbage := make([]byte, 4096)
		rand.New(rand.NewSource(7)).Read(garbage)
		os.Stdout.Write(garbage)
		os.Exit(0)
	case "garbage-json":
		if isEnv(args) {
			fmt.Print("{\n\t\"GOROOT\": \"/usr/local/go\",\n\t\"GOPATH\": ")
			os.Exit(0)
		}
	case "garbage-nested":
		if isEnv(args) {
			depth := 100000
			if number > 0 {
				depth = int(number)
			}
			os.Stdout.Write(bytes.Repeat([]byte("["), depth))
			os.Exit(0)
		}
	case "stderr-warning":
		fmt.Fprintln(os.Stderr, "go: warning: ignoring GOFAKE=1 in the environment (fakego stderr-warning mode)")
	case "slow":
		time.Sleep(time.Duration(number * float64(time.Second)))
	default:
		fail(2, "fakego: unknown mode %q in %s.mode", mode, exe)
	}
	os.Exit(healthy(exe, args))
}

func readMode(path string) (string, float64) {
	data, err := os.ReadFile(path)
	if err != nil {
		fail(2, "fakego: %v", err)
	}
	fields := strings.Fields(string(data))
	if len(fields) == 0 {
		fail(2, "fakego: %s is empty", path)
	}
	number := 0.0
	if len(fields) > 1 {
		if number, err = strconv.ParseFloat(fields[1], 64); err != nil {
			fail(2, "fakego: %s: %v", path, err)
		}
	}
	return fields[0], number
}

func fail(code int, format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(code)
}

func sleepForever() {
	for {
		time.Sleep(time.Hour)
	}
}

// startSetsidChild starts this executable again in a new session, holding our stdout and stderr.
func startSetsidChild(exe string) {
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		fail(2, "fakego: %v", err)
	}
}

func noCoreFiles() {
	syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{})
}

// dieOf kills the process with sig, its default action restored (the Go runtime catches SIGSEGV).
func dieOf(sig syscall.Signal) {
	noCoreFiles()
	var action [4]uint64 // struct sigaction, all zero: SIG_DFL
	syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(&action)), 0, 8, 0, 0)
	syscall.Kill(os.Getpid(), sig)
	time.Sleep(time.Second)
	os.Exit(3)
}

// command skips the global flag -C DIR (changing to DIR) and returns the subcommand and its arguments.
func command(args []string) (string, []string) {
	for len(args) > 0 {
		switch {
		case args[0] == "-C" && len(args) > 1:
			if err := os.Chdir(args[1]); err != nil {
				fail(2, "go: chdir %s: %v", args[1], err)
			}
			args = args[2:]
		case strings.HasPrefix(args[0], "-C="):
			if err := os.Chdir(args[0][3:]); err != nil {
				fail(2, "go: chdir %s: %v", args[0][3:], err)
			}
			args = args[1:]
		default:
			return args[0], args[1:]
		}
	}
	return "", nil
}

func isEnv(args []string) bool {
	for i := 0; i < len(args); i++ {
		if args[i] == "-C" {
			i++
			continue
		}
		return args[i] == "env"
	}
	return false
}

func healthy(exe string, args []string) int {
	name, rest := command(args)
	switch name {
	case "version":
		return version(rest)
	case "env":
		return env(exe, rest)
	case "":
		fmt.Fprintln(os.Stderr, "Go is a tool for managing Go source code.")
		return 2
	}
	fmt.Fprintf(os.Stderr, "go %s: unknown command\nRun 'go help' for usage.\n", name)
	return 2
}

func version(args []string) int {
	withModules := len(args) > 0 && args[0] == "-m"
	if withModules {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Printf("go version %s %s/%s\n", goVersion, runtime.GOOS, runtime.GOARCH)
		return 0
	}
	code := 0
	for _, file := range args {
		info, err := buildinfo.ReadFile(file)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", file, err)
			code = 1
			continue
		}
		fmt.Printf("%s: %s\n", file, info.GoVersion)
		info.GoVersion = "" // as go does: not printed twice
		if text := info.String(); withModules && text != "" {
			fmt.Printf("\t%s\n", strings.ReplaceAll(text[:len(text)-1], "\n", "\n\t"))
		}
	}
	return code
}

func env(exe string, args []string) int {
	asJSON := false
	var names []string
	for _, arg := range args {
		if arg == "-json" {
			asJSON = true
		} else if strings.HasPrefix(arg, "-") {
			fmt.Fprintf(os.Stderr, "flag provided but not defined: %s\nusage: go env [-json] [-changed] [-u] [-w] [var ...]\n", arg)
			return 2
		} else {
			names = append(names, arg)
		}
	}
	values, named := goEnv(exe), len(names) > 0
	if !named {
		for name := range values {
			names = append(names, name)
		}
		sort.Strings(names)
	}
	if asJSON {
		picked := map[string]string{}
		for _, name := range names {
			picked[name] = values[name]
		}
		out, _ := json.MarshalIndent(picked, "", "\t")
		fmt.Printf("%s\n", out)
		return 0
	}
	for _, name := range names {
		if named {
			fmt.Println(values[name])
		} else {
			fmt.Printf("%s='%s'\n", name, values[name])
		}
	}
	return 0
}

func getenv(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

// goEnv computes what go1.27 reports from the environment alone (no GOENV file, no go.env).
func goEnv(exe string) map[string]string {
	goroot := getenv("GOROOT", filepath.Dir(filepath.Dir(exe)))
	home, _ := os.UserHomeDir()
	gopath := getenv("GOPATH", filepath.Join(home, "go"))
	cacheDir, _ := os.UserCacheDir()
	configDir, _ := os.UserConfigDir()
	values := map[string]string{
		"AR":             "ar",
		"CC":             "gcc",
		"CGO_ENABLED":    getenv("CGO_ENABLED", "0"),
		"CXX":            "g++",
		"GCCGO":          "gccgo",
		"GO111MODULE":    os.Getenv("GO111MODULE"),
		"GOARCH":         runtime.GOARCH,
		"GOAUTH":         getenv("GOAUTH", "netrc"),
		"GOBIN":          getenv("GOBIN", filepath.Join(strings.Split(gopath, ":")[0], "bin")),
		"GOCACHE":        getenv("GOCACHE", filepath.Join(cacheDir, "go-build")),
		"GOCACHEPROG":    "",
		"GODEBUG":        os.Getenv("GODEBUG"),
		"GOENV":          getenv("GOENV", filepath.Join(configDir, "go", "env")),
		"GOEXE":          "",
		"GOEXPERIMENT":   "",
		"GOFIPS140":      "off",
		"GOFLAGS":        os.Getenv("GOFLAGS"),
		"GOHOSTARCH":     runtime.GOARCH,
		"GOHOSTOS":       runtime.GOOS,
		"GOINSECURE":     os.Getenv("GOINSECURE"),
		"GOMODCACHE":     getenv("GOMODCACHE", filepath.Join(strings.Split(gopath, ":")[0], "pkg", "mod")),
		"GONOPROXY":      os.Getenv("GONOPROXY"),
		"GONOSUMDB":      os.Getenv("GONOSUMDB"),
		"GOOS":           runtime.GOOS,
		"GOPATH":         gopath,
		"GOPRIVATE":      os.Getenv("GOPRIVATE"),
		"GOPROXY":        getenv("GOPROXY", "https://proxy.golang.org,direct"),
		"GOROOT":         goroot,
		"GOSUMDB":        getenv("GOSUMDB", "sum.golang.org"),
		"GOTELEMETRY":    "local",
		"GOTELEMETRYDIR": filepath.Join(configDir, "go", "telemetry"),
		"GOTMPDIR":       os.Getenv("GOTMPDIR"),
		"GOTOOLCHAIN":    getenv("GOTOOLCHAIN", "auto"),
		"GOTOOLDIR":      filepath.Join(goroot, "pkg", "tool", runtime.GOOS+"_"+runtime.GOARCH),
		"GOVCS":          os.Getenv("GOVCS"),
		"GOVERSION":      goVersion,
		"GOWORK":         find("go.work"),
		"GOMOD":          find("go.mod"),
	}
	if runtime.GOARCH == "amd64" {
		values["GOAMD64"] = getenv("GOAMD64", "v1")
	}
	if values["GOMOD"] == "" && os.Getenv("GO111MODULE") != "off" {
		values["GOMOD"] = os.DevNull
	}
	return values
}

// find looks for name in the working directory and its parents, as go does for go.mod and go.work.
func find(name string) string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		path := filepath.Join(dir, name)
		if info, err := os.Stat(path); err == nil && !info.IsDir() {
			return path
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
