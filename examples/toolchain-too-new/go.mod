module example.com/toolchain-too-new

go 1.27.3

require golang.org/x/text v0.14.0
