// Client driver: gorilla/websocket's client (Debian's golang-github-gorilla-websocket-dev),
// websocket.DefaultDialer's settings (no compression offered) with the handshake bounded by
// the measurement's timeout, one connection after another.
//
// usage: gorilla CONFIG.json REPORTS.jsonl
// CONFIG.json is {timeoutMs, confirm, connections: [{name, url, protocols}]}; appends one
// JSON line per connection to REPORTS.jsonl, the error's text verbatim.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"time"

	"github.com/gorilla/websocket"
)

type connection struct {
	Name      string   `json:"name"`
	URL       string   `json:"url"`
	Protocols []string `json:"protocols"`
}

type config struct {
	TimeoutMs   int          `json:"timeoutMs"`
	Confirm     string       `json:"confirm"`
	Connections []connection `json:"connections"`
}

type closeInfo struct {
	Code   int    `json:"code"`
	Reason string `json:"reason"`
}

type report struct {
	Name       string     `json:"name"`
	Opened     bool       `json:"opened"`
	Protocol   *string    `json:"protocol"`
	Extensions *string    `json:"extensions"`
	Messages   []string   `json:"messages"`
	Events     []string   `json:"events"`
	Close      *closeInfo `json:"close"`
	Timeout    bool       `json:"timeout"`
	Error      *string    `json:"error"`
	ErrorType  string     `json:"error_type,omitempty"`
	Status     int        `json:"status,omitempty"`
	Ms         int64      `json:"ms"`
}

func (r *report) fail(err error) {
	text := err.Error()
	r.Error = &text
	r.ErrorType = fmt.Sprintf("%T", err)
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		r.Timeout = true
		r.Events = append(r.Events, "timeout")
	} else {
		r.Events = append(r.Events, "error")
	}
}

func runOne(c connection, timeout time.Duration, confirm string) report {
	r := report{Name: c.Name, Messages: []string{}, Events: []string{}}
	dialer := *websocket.DefaultDialer
	dialer.HandshakeTimeout = timeout
	dialer.Subprotocols = c.Protocols
	start := time.Now()
	conn, resp, err := dialer.Dial(c.URL, nil)
	r.Ms = time.Since(start).Milliseconds()
	if resp != nil {
		r.Status = resp.StatusCode
	}
	if err != nil {
		r.fail(err)
		return r
	}
	defer conn.Close()
	r.Events = append(r.Events, "open")
	r.Opened = true
	protocol := conn.Subprotocol()
	none := "" // compression is off in the default dialer: no extension is ever agreed
	r.Protocol, r.Extensions = &protocol, &none
	deadline := time.Now().Add(timeout)
	conn.SetReadDeadline(deadline)
	conn.SetWriteDeadline(deadline)
	if err := conn.WriteMessage(websocket.TextMessage, []byte(confirm)); err != nil {
		r.fail(err)
		return r
	}
	for {
		kind, data, err := conn.ReadMessage()
		if err != nil {
			r.fail(err)
			return r
		}
		r.Events = append(r.Events, "message")
		if kind == websocket.TextMessage {
			r.Messages = append(r.Messages, string(data))
		} else {
			r.Messages = append(r.Messages, "<binary>")
		}
		if kind == websocket.TextMessage && string(data) == confirm {
			break
		}
	}
	conn.WriteControl(websocket.CloseMessage,
		websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), deadline)
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			var closeErr *websocket.CloseError
			if errors.As(err, &closeErr) {
				r.Close = &closeInfo{Code: closeErr.Code, Reason: closeErr.Text}
				r.Events = append(r.Events, "close")
			} else {
				r.fail(err)
			}
			return r
		}
	}
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gorilla CONFIG.json REPORTS.jsonl")
		os.Exit(2)
	}
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var cfg config
	if err := json.Unmarshal(raw, &cfg); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := os.OpenFile(os.Args[2], os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer out.Close()
	timeout := time.Duration(cfg.TimeoutMs) * time.Millisecond
	for _, c := range cfg.Connections {
		line, _ := json.Marshal(runOne(c, timeout, cfg.Confirm))
		out.Write(append(line, '\n'))
	}
}
