package serve

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"slices"
	"strings"

	"github.com/seqpredict/seqpredict/explain"
)

// static holds the page's assets, style.css and app.js, served as they
// are under /static/.
//
//go:embed static
var static embed.FS

// indexHTML is the page, a template rendered once by New.
//
//go:embed index.html
var indexHTML string

//go:embed gallery.tsv
var galleryTSV string

// Example is one sequence of the gallery.
type Example struct {
	Name  string
	Label string // short, for the page's button
	Title string
	Terms string // separated by spaces
}

// Gallery returns the classic examples of gallery.tsv, in order: the
// page's buttons and the sections of docs/gallery.md.
func Gallery() ([]Example, error) {
	var out []Example
	for i, line := range strings.Split(galleryTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "name\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 || slices.Contains(f, "") {
			return nil, fmt.Errorf("gallery.tsv:%d: want name, label, title and terms separated by tabs", i+1)
		}
		out = append(out, Example{Name: f[0], Label: f[1], Title: f[2], Terms: f[3]})
	}
	return out, nil
}

// pageData is what index.html is rendered with: the gallery and the
// figures the script needs from the Go side, so they are said once.
type pageData struct {
	Gallery   []Example
	TieFactor float64
	MaxTerms  int
	MaxDigits int
	MaxTop    int
}

// pageTop is how many programs and predictions the page asks for.
const pageTop = 8

func (s *Server) renderPage() ([]byte, error) {
	t, err := template.New("index.html").Parse(indexHTML)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = t.Execute(&buf, pageData{
		Gallery: s.gallery, TieFactor: explain.TieFactor,
		MaxTerms: s.lim.MaxTerms, MaxDigits: s.lim.MaxDigits, MaxTop: min(pageTop, s.lim.MaxTop),
	})
	return buf.Bytes(), err
}

func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	_, _ = w.Write(s.page)
}

// staticHandler serves the embedded assets under /static/, files only
// (no listing of the folder).
func staticHandler() (http.Handler, error) {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		return nil, err
	}
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	}), nil
}
