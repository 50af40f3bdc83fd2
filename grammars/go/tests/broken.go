// hive: relpath=cmd/tool/main.go module=cmd.tool errors=1
package main

import "os"
// ^ import os module=os

// Run is complete; the function after it is not.
func Run(args []string) int {
//   ^ definition.function Run doc="Run is complete; the function after it is not."
	return len(args)
}

func Broken(x int {
//   ^ definition.function Broken sig="func Broken(x int"
	if x > 0 {
		os.Exit(1)
	}
}

// Config still reads as a struct after the error.
type Config struct {
	//   ^ definition.struct Config doc="Config still reads as a struct after the error."

	Name string
	// <- definition.field Config.Name doc=""
}
