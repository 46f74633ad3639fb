package main

//go:generate stringer -type=Size
type Size int

func main() {}
