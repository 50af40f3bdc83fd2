// hive: relpath=internal/server/server.go module=internal.server

// Package server answers requests — «non-ASCII» text on purpose: ünïcödé ✓.
package server
//      ^ !reference.type

import (
	"context"
	// <- import context module=context
	"net/http"
	// <- import net/http module=net/http
	st "example.com/app/internal/store"
	// <- import st module=example.com/app/internal/store alias=st
	. "strings"
	// <- import "" module=strings wildcard=true
	_ "embed"
	// <- import _ module=embed alias=_
)
import "errors"
// ^ import errors module=errors

// MaxConns bounds the number of open connections.
const MaxConns = 64
//    ^ definition.constant MaxConns doc="MaxConns bounds the number of open connections." sig="const MaxConns = 64"

// State is where a server is in its life.
type State int
//   ^ definition.type State doc="State is where a server is in its life." sig="type State int"
//         ^ reference.type int

const (
	// Idle servers wait.
	Idle State = iota
	// <- definition.constant Idle doc="Idle servers wait."
	//   ^ reference.type State

	Running
	// <- definition.constant Running doc=""
	stopped, failed = 8, 9
	// <- definition.constant stopped
	//       ^ definition.constant failed
)

var (
	// ErrClosed is returned after Close.
	ErrClosed = errors.New("server: closed")
	// <- definition.variable ErrClosed doc="ErrClosed is returned after Close."
	//                 ^ reference.call New receiver=errors
	defaultAddr string = ":8080"
	// <- definition.variable defaultAddr sig="defaultAddr string = \":8080\""
)

var started, stoppedAt int64
//  ^ definition.variable started sig="var started, stoppedAt int64"
//           ^ definition.variable stoppedAt

// Handler serves one request.
// It may be called concurrently.
type Handler interface {
	//   ^ definition.interface Handler doc="Handler serves one request.\nIt may be called concurrently." sig="type Handler interface"

	// Serve answers req.
	Serve(ctx context.Context, req *Request) error
	// <- definition.method Handler.Serve parent=Handler doc="Serve answers req." sig="Serve(ctx context.Context, req *Request) error"
	//                ^ reference.type Context receiver=context
	//                                ^ reference.type Request
	fmt.Stringer
	//  ^ reference.inherit Stringer receiver=fmt
}

type (
	// Request is what a client asks.
	Request struct {
		// <- definition.struct Request doc="Request is what a client asks." sig="Request struct"
		Path    string
		// <- definition.field Request.Path parent=Request sig="Path string"
		Headers map[string][]string `json:"headers"`
		// <- definition.field Request.Headers
	}

	// HandlerFunc adapts a function to Handler.
	HandlerFunc func(ctx context.Context, req *Request) error
	// <- definition.type HandlerFunc doc="HandlerFunc adapts a function to Handler."

	Middleware = func(Handler) Handler
	// <- definition.type Middleware sig="Middleware = func(Handler) Handler"
)

// Server routes requests to handlers.
type Server struct {
	//   ^ definition.struct Server doc="Server routes requests to handlers." sig="type Server struct"
	*Logger
	//^ reference.inherit Logger
	st.Store
	// <- !reference.inherit
	// ^ reference.inherit Store receiver=st
	addr, name string
	// <- definition.field Server.addr parent=Server
	//    ^ definition.field Server.name
	routes     map[string]Handler
	// <- definition.field Server.routes
	//                    ^ reference.type Handler
	state State
	// <- definition.field Server.state
}

// Set holds distinct values.
type Set[T comparable] struct{ items map[T]struct{} }
//   ^ definition.struct Set sig="type Set[T comparable] struct{ items map[T]struct{} }"
//         ^ reference.type comparable
//                             ^ definition.field Set.items

// NewServer makes a server listening on addr.
func NewServer(addr string, routes ...Handler) *Server {
//   ^ definition.function NewServer doc="NewServer makes a server listening on addr." sig="func NewServer(addr string, routes ...Handler) *Server"
//                                               ^ reference.type Server
	s := &Server{addr: addr, Logger: NewLogger()}
	//    ^ reference.type Server
	//                               ^ reference.call NewLogger receiver=""
	s.Handle("/", routes[0])
	// ^ reference.call Handle receiver=s
	return s
}

// Start begins serving.
func (s *Server) Start(ctx context.Context) error {
//               ^ definition.method Server.Start doc="Start begins serving." sig="func (s *Server) Start(ctx context.Context) error"
//    ^ !reference.type
//       ^ reference.type Server
	if HasPrefix(s.addr, "unix:") {
	//  ^ reference.call HasPrefix
		return s.listen(ctx, TrimPrefix(s.addr, "unix:"))
		//       ^ reference.call listen receiver=s
		//                   ^ reference.call TrimPrefix receiver=""
	}
	srv := &http.Server{Addr: s.addr}
	//           ^ reference.type Server receiver=http
	go func() {
		_ = srv.ListenAndServe()
		//      ^ reference.call ListenAndServe receiver=srv
	}()
	s.state = Running
	return nil
}

func (s Server) String() string { return s.name }
//              ^ definition.method Server.String doc="" sig="func (s Server) String() string"

func (set *Set[T]) Add(v T) {
//                 ^ definition.method Set.Add parent=""
	set.items[v] = struct{}{}
}

// Map applies f to every element.
func Map[T, U any](xs []T, f func(T) U) []U {
//   ^ definition.function Map sig="func Map[T, U any](xs []T, f func(T) U) []U"
	out := make([]U, 0, len(xs))
	//     ^ reference.call make
	for _, x := range xs {
		out = append(out, f(x))
		//                ^ reference.call f
	}
	ids := Map[int, string](nil, nil)
	//     ^ reference.call Map
	_ = ids
	return out
}

func main() {
//   ^ definition.function main doc="" sig="func main()"
	// local declarations are not symbols of the package
	type local struct{ n int }
	const limit = 3
	var s Server
	s.Start(context.Background())
	// ^ reference.call Start receiver=s
	//              ^ reference.call Background receiver=context
	st.Open("db")
	// ^ reference.call Open receiver=st
	// errors.New("x") in a comment is no call
	// ^ !reference.call
	_ = "NewServer() in a string is no call"
	//   ^ !reference.call
}
