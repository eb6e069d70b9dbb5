package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The "small" shape is a knowledge base of many short pages in many
// sections and scripts, like a real FAQ or glossary corpus: no code, a
// paragraph or two, one tag. Its cost is the files, not the Markdown.

// smallScripts are word lists in several scripts; page i is written in
// smallScripts[i%len]. Words, not sentences: the shape, not the meaning,
// is what a build's cost depends on.
var smallScripts = [][]string{
	strings.Fields("patient consent message record privacy clinic doctor nurse safety policy review secure phone image"),
	strings.Fields("paciente consentimiento mensaje registro privacidad clínica médico enfermera seguridad política revisión"),
	strings.Fields("paciente consentimento mensagem registro privacidade clínica médico enfermeira segurança política revisão"),
	strings.Fields("пациент согласие сообщение запись конфиденциальность клиника врач медсестра безопасность политика"),
	strings.Fields("مريض موافقة رسالة سجل خصوصية عيادة طبيب ممرضة سلامة سياسة مراجعة"),
	strings.Fields("患者 同意 消息 记录 隐私 诊所 医生 护士 安全 政策 审查 图像"),
	strings.Fields("रोगी सहमति संदेश रिकॉर्ड गोपनीयता क्लिनिक डॉक्टर नर्स सुरक्षा नीति समीक्षा"),
}

// newSmallCorpus returns the shape of a corpus of n short pages, about
// thirty pages per section.
func newSmallCorpus(n int) Corpus {
	return Corpus{pages: n, sections: max(10, (n+29)/30), small: true}
}

// smallWords returns n words of page i's script.
func smallWords(r *rand.Rand, i, n int) string {
	words := smallScripts[i%len(smallScripts)]
	out := make([]string, n)
	for j := range out {
		out[j] = words[r.IntN(len(words))]
	}
	return strings.Join(out, " ")
}

// smallFrontMatter is page i's front matter in the small shape.
func (c Corpus) smallFrontMatter(i int) string {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	s, k := c.section(i)
	return fmt.Sprintf("---\ntitle: \"%d %s\"\nsummary: \"%s\"\ndate: %d-%02d-%02d\nweight: %d\ntags: [%s]\njurisdictions: [%s]\n---\n",
		i, smallWords(r, i, 4), smallWords(r, i, 10), 2023+i%3, i%12+1, i%28+1, k+1, corpusTags[(i+s)%len(corpusTags)], corpusJurisdictions[i%len(corpusJurisdictions)])
}

// smallBody is page i's Markdown in the small shape: one or two
// paragraphs and a link to the next page of its section.
func (c Corpus) smallBody(i int, l linker) string {
	r := rand.New(rand.NewPCG(uint64(i), 11))
	var b strings.Builder
	fmt.Fprintf(&b, "%s.\n", smallWords(r, i, 20+r.IntN(40)))
	if i%2 == 0 {
		fmt.Fprintf(&b, "\n%s.\n", smallWords(r, i, 15+r.IntN(30)))
	}
	if _, k := c.section(i); k+1 < c.perSection() && i+1 < c.pages {
		fmt.Fprintf(&b, "\n[%s](%s)\n", smallWords(r, i, 2), l.page(c.pagePath(i), c.pagePath(i+1), ""))
	}
	return b.String()
}
