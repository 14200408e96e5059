package demo

import "github.com/tillsammans/tillsammans/internal/app"

// Short names for the states, so that the histories below read as a list of moves.
const (
	submitted       = app.StateSubmitted
	beingAnalysed   = app.StateBeingAnalysed
	validated       = app.StateValidated
	marketScan      = app.StateMarketScan
	matched         = app.StateMatched
	routeDecided    = app.StateRouteDecided
	piloting        = app.StatePiloting
	procurement     = app.StateProcurement
	implementation  = app.StateImplementation
	benefitFollowUp = app.StateBenefitFollowUp
	spread          = app.StateSpread
	onHold          = app.StateOnHold
	rejected        = app.StateRejected
	merged          = app.StateMerged
	withdrawn       = app.StateWithdrawn
	closed          = app.StateClosed
)

const (
	lockRegion = "Under upphandlingen besvaras frågor endast i regionens upphandlingsverktyg. Kontakt: upphandling@regionjh.example."
	lockKommun = "Under upphandlingen ställs frågor i kommunens upphandlingsverktyg. Kontakt: upphandling@ostersund.example."
)

// needSpecs are the demo needs, in the order they are loaded (a merged need after the
// need it is merged into). People are named by the first part of their e-mail address.
var needSpecs = []needSpec{
	{
		key: "akutrum", org: "region", by: "erik", owner: "erik", daysAgo: 430,
		need: app.NeedInput{
			Title:      "Virtuellt akutrum i Härjedalen",
			HowMightWe: "Hur kan vi ge invånare och besökare i Härjedalen en akut bedömning nära hemmet, så att färre behöver åka de 20–25 milen till akutmottagningen i Östersund?",
			Problem: "Från Funäsdalen är det drygt 25 mil till Östersunds sjukhus. Många som åker in till akuten hade kunnat bedömas och behandlas " +
				"på hemorten om en akutläkare hade kunnat se patienten och mätvärdena på distans. Under vintersäsongen mångdubblas befolkningen " +
				"i fjällbyarna och belastningen på ambulansen och hälsocentralerna blir mycket hög.",
			CurrentPractice: "Sjuksköterskan på hälsocentralen gör en första bedömning och ringer vid behov jourhavande läkare i Östersund. " +
				"Osäkra fall skickas med ambulans eller egen resa till akutmottagningen. Kvällar och helger finns ingen läkare på plats i Funäsdalen.",
			Consequence: "Långa och ibland onödiga resor för patienterna, ambulanser som binds upp i flera timmar och lämnar stora områden utan " +
				"beredskap, och ojämlik tillgång till akutsjukvård jämfört med länets centrala delar.",
			TargetGroups: "Invånare och besökare i Härjedalens kommun med akuta men inte livshotande besvär; sjuksköterskor på hälsocentralerna " +
				"i Sveg och Funäsdalen; akutläkare i Östersund; ambulanssjukvården.",
			Constraints: "Ska fungera med regionens journalsystem och SITHS-inloggning. Uppkopplad undersökningsutrustning ska vara CE-märkt. " +
				"Data ska lagras inom EU/EES. Bandbredden i fjällen varierar och lösningen måste klara avbrott.",
			CareSettings: []string{"primarvard", "sjukhusvard", "ambulans"},
			Tags:         []string{"distansvård", "virtuellt akutrum", "glesbygd", "akutsjukvård", "videomöte"},
			VolumePeople: 3400, VolumeEvents: 4200, Urgency: "high", Visibility: app.VisiblePublic,
			Benefits: []app.Benefit{
				{KPI: "Resor till akutmottagningen från Härjedalen", Unit: "resor/år", Baseline: "820", Target: "400"},
				{KPI: "Ambulanstimmar för transporter som inte hade behövts", Unit: "timmar/år", Baseline: "1 900", Target: "900"},
				{KPI: "Andel bedömda patienter som kan stanna på hemorten", Unit: "%", Baseline: "0", Target: "45"},
			},
		},
		path: []step{
			{to: submitted, after: 6, by: "erik", note: "Behovet lyft av hälsocentralerna i Sveg och Funäsdalen efter vintersäsongen."},
			{to: beingAnalysed, after: 12, by: "karin", note: "Analys startad tillsammans med ambulanssjukvården och akutkliniken."},
			{to: validated, after: 34, by: "karin", note: "Behovet bekräftat av primärvårdens ledningsgrupp; nyttokalkyl bygger på ambulansstatistiken."},
			{to: marketScan, after: 15, by: "karin", note: "Tidig dialog: behovet publicerat för leverantörer och dialogmöte på E-hälsocentrum."},
			{to: matched, after: 70, by: "karin", note: "Två lösningar kan tillsammans täcka behovet: video med uppkopplad utrustning och mätvärden via FHIR."},
			{to: routeDecided, after: 28, by: "karin", route: "pilot", note: "Pilot i Funäsdalen under vintersäsongen, därefter Sveg."},
			{to: piloting, after: 60, by: "karin", note: "Piloten startad i Funäsdalen. Mittuniversitetet utvärderar."},
		},
		contacts: []contact{
			{day: 10, supplier: "fjallvard", ours: "Karin Lindqvist, Erik Sundberg", theirs: "Anna Ek, produktansvarig", channel: "meeting",
				purpose: "Dialogmöte om virtuellt akutrum", given: "Behovsbeskrivning, volymer och uppkoppling på hälsocentralerna.",
				received: "Demonstration av akutrum med uppkopplad undersökningsutrustning; referenser från glesbygd i Norrbotten.",
				summary:  "Lösningen täcker video och uppkopplad utrustning men saknar i dag strukturerad överföring till journalen. Leverantören ser inga hinder för en pilot under vintersäsong."},
			{day: 24, supplier: "storsjo", ours: "Karin Lindqvist", theirs: "Per Olsson, lösningsarkitekt", channel: "video",
				purpose: "Tidig dialog om mätvärden i akutrummet", given: "Vilka mätvärden akutläkaren behöver: EKG, saturation, blodtryck, temperatur.",
				received: "Plattformen tar emot mätvärden via FHIR och visar dem för vården; video ingår inte.",
				summary:  "Mätvärden kan överföras strukturerat via FHIR. Video måste kombineras med annan lösning."},
		},
		summary: "Tidig dialog med två leverantörer och ett öppet dialogmöte på E-hälsocentrum. Marknaden erbjuder videolösningar med uppkopplad " +
			"undersökningsutrustning; strukturerad överföring av mätvärden till journalen är ännu omogen men finns hos plattformar för egenmonitorering. " +
			"Regionen går vidare med en pilot. Alla frågor och svar är publicerade på behovet.",
		questions: []question{
			{in: marketScan, by: "anna", text: "Vilken uppkoppling finns på hälsocentralerna i Funäsdalen och Sveg? Vår lösning behöver minst 10 Mbit/s symmetriskt för HD-video.",
				answeredBy: "karin", answer: "Båda hälsocentralerna har fiber via regionens nät, och Funäsdalen har reservförbindelse över mobilnätet. Nätverksbeskrivningen skickas till alla leverantörer som anmäler intresse."},
			{in: marketScan, by: "per", text: "Ska mätvärden från akutrummet föras över strukturerat till journalen, eller räcker en PDF i piloten?",
				answeredBy: "karin", answer: "Målet är strukturerad överföring (FHIR Observation), men i en pilot godtar vi PDF som bilaga i journalen. Det gäller alla leverantörer."},
		},
		comments: []comment{
			{in: validated, by: "karin", body: "Ambulanssjukvården har tagit fram statistik över transporter från Härjedalen; den ligger till grund för nyttokalkylen."},
			{in: piloting, by: "erik", body: "Första veckorna: 38 bedömningar i akutrummet, 27 patienter kunde stanna på hemorten. Personalen önskar bättre ljus vid undersökningsbritsen."},
		},
		followers: []string{"linnea", "lars", "ola", "maria"},
	},
	{
		key: "hjartsvikt", org: "region", by: "erik", owner: "erik", daysAgo: 530,
		need: app.NeedInput{
			Title:      "Egenmonitorering i hemmet vid hjärtsvikt",
			HowMightWe: "Hur kan vi låta personer med hjärtsvikt mäta vikt, blodtryck och puls hemma, så att vården upptäcker en försämring i tid?",
			Problem: "Patienter med hjärtsvikt läggs ofta in akut när vätska samlats i kroppen under flera dagar. Försämringen syns tidigt i vikten, " +
				"men ingen i vården ser värdena förrän patienten redan mår dåligt. Många bor långt från hjärtsviktsmottagningen.",
			CurrentPractice: "Patienten väger sig själv och ska ringa hjärtsviktssjuksköterskan vid viktökning. Uppföljning vid mottagningsbesök " +
				"var tredje till sjätte månad. Hemsjukvården noterar värden på papper.",
			Consequence: "Undvikbara inläggningar, fler vårddygn på medicinkliniken och sämre livskvalitet. Beläggningen på sjukhuset är redan ansträngd.",
			TargetGroups: "Personer med hjärtsvikt (NYHA II–III) och deras närstående; hjärtsviktssjuksköterskor i primärvården och på " +
				"medicinkliniken; kommunal hemsjukvård.",
			Constraints: "Mätvärden ska synas i journalen. Patienten loggar in med BankID eller Freja eID. Ska fungera även för den som saknar " +
				"smarttelefon (surfplatta lånas ut). Data lagras inom EU/EES.",
			CareSettings: []string{"primarvard", "sjukhusvard", "kommunal_hemsjukvard", "egenvard"},
			Tags:         []string{"egenmonitorering", "hjärtsvikt", "distansvård", "egenvård", "FHIR"},
			VolumePeople: 650, VolumeEvents: 1400, Urgency: "high", Visibility: app.VisiblePublic,
			Benefits: []app.Benefit{
				{KPI: "Oplanerade inläggningar för hjärtsvikt", Unit: "inläggningar/år", Baseline: "310", Target: "220"},
				{KPI: "Vårddygn på sjukhus för hjärtsvikt", Unit: "vårddygn/år", Baseline: "2 400", Target: "1 700"},
				{KPI: "Patienter som känner sig trygga hemma (enkät)", Unit: "%", Baseline: "61", Target: "80"},
			},
		},
		plan: "Hjärtsviktsteamet och verksamhetsutvecklingen följer nyttan kvartalsvis: inläggningar och vårddygn ur det vårdadministrativa " +
			"systemet jämförs med året före start, och en patientenkät görs vid start och efter sex månader. Ansvarig: Erik Sundberg. " +
			"Resultaten redovisas i primärvårdens ledningsgrupp.",
		path: []step{
			{to: submitted, after: 4, by: "erik"},
			{to: beingAnalysed, after: 9, by: "karin"},
			{to: validated, after: 30, by: "karin", note: "Validerat med medicinkliniken och tre hälsocentraler."},
			{to: marketScan, after: 12, by: "karin"},
			{to: matched, after: 55, by: "karin", note: "Plattform för egenmonitorering med FHIR-stöd matchar kraven."},
			{to: routeDecided, after: 21, by: "karin", route: "pilot", note: "Pilot på två hälsocentraler innan upphandling."},
			{to: piloting, after: 35, by: "karin", note: "Pilot i Strömsund och Hammarstrand med 40 patienter."},
			{to: procurement, after: 150, by: "maria", lock: lockRegion, note: "Piloten föll väl ut. Upphandling av tjänst för distansmonitorering."},
			{to: implementation, after: 95, by: "maria", note: "Avtal tecknat; införande på alla hälsocentraler under året."},
		},
		contacts: []contact{
			{day: 8, supplier: "storsjo", ours: "Karin Lindqvist, Erik Sundberg", theirs: "Per Olsson", channel: "meeting",
				purpose: "Dialog om egenmonitorering vid hjärtsvikt", given: "Behovet, volymer och krav på inloggning och journalintegration.",
				received: "Visning av plattformen med våg, blodtrycksmätare och larmregler; erfarenheter från en annan region.",
				summary:  "Plattformen uppfyller kraven på mätvärden och larmregler. Journalintegration via FHIR finns men är inte driftsatt mot vårt journalsystem."},
			{day: 30, supplier: "fjallvard", ours: "Karin Lindqvist", theirs: "Anna Ek", channel: "video",
				purpose: "Dialog om videouppföljning av hjärtsviktspatienter", given: "Behovsbeskrivningen.",
				received: "Videobesök kan kombineras med mätvärden från annan leverantör.",
				summary:  "Leverantören erbjuder video men inte mätvärden; kan komplettera en plattform för egenmonitorering."},
		},
		summary: "Dialog med två leverantörer. Marknaden har mogna plattformar för egenmonitorering med våg och blodtrycksmätare; " +
			"journalintegration är det största utvecklingsbehovet. Regionen piloterar innan upphandling.",
		questions: []question{
			{in: marketScan, by: "per", text: "Hur många patienter räknar ni med i en pilot, och vem äger mätutrustningen?",
				answeredBy: "karin", answer: "Omkring 40 patienter på två hälsocentraler. Regionen äger utrustningen och lånar ut den; leverantören ansvarar för logistik och support."},
		},
		comments: []comment{
			{in: piloting, by: "erik", body: "Piloten: 42 patienter inskrivna. Hjärtsviktssjuksköterskan bedömer att två inläggningar har kunnat förebyggas."},
			{in: procurement, by: "maria", body: "Upphandlingsdokumenten bygger på kravprofilen från piloten. Leverantörernas frågor hänvisas till upphandlingsverktyget."},
		},
		coOwners:  []coOwner{{in: validated, org: "kommun", by: "sara", people: 180, events: 2100}},
		followers: []string{"lars", "linnea", "maria"},
	},
	{
		key: "kol", org: "region", by: "erik", owner: "karin", daysAgo: 545,
		need: app.NeedInput{
			Title:      "Egenmonitorering och egenvårdsstöd vid KOL",
			HowMightWe: "Hur kan vi hjälpa personer med KOL att själva följa syremättnad och symtom, och få stöd innan en försämring kräver sjukhusvård?",
			Problem: "Försämringsperioder vid KOL leder ofta till akuta besök och inläggningar. Patienterna märker försämringen sent och är osäkra på " +
				"när de ska söka vård. Lungmottagningen hinner inte med tät uppföljning av alla.",
			CurrentPractice: "Uppföljning vid besök på hälsocentral eller lungmottagning en till två gånger per år. Egenvårdsplan på papper. " +
				"Patienten ringer 1177 eller hälsocentralen vid försämring.",
			Consequence:  "Fler akuta inläggningar, snabbare sjukdomsförlopp och onödigt lidande. Ökat tryck på kommunens hemsjukvård efter utskrivning.",
			TargetGroups: "Personer med medelsvår till svår KOL; astma/KOL-sjuksköterskor; lungmottagningen; kommunal hemsjukvård.",
			Constraints: "Pulsoximetrar ska vara medicintekniska produkter. BankID/Freja för patienter och SITHS för personal. Ska kunna " +
				"användas av personer med nedsatt syn och finmotorik.",
			CareSettings: []string{"primarvard", "sjukhusvard", "kommunal_hemsjukvard", "egenvard"},
			Tags:         []string{"egenmonitorering", "KOL", "egenvård", "distansvård"},
			VolumePeople: 900, VolumeEvents: 1600, Urgency: "high", Visibility: app.VisiblePublic,
			Benefits: []app.Benefit{
				{KPI: "Akuta inläggningar på grund av KOL-exacerbation", Unit: "inläggningar/år", Baseline: "260", Target: "190"},
				{KPI: "Besök på akutmottagningen", Unit: "besök/år", Baseline: "480", Target: "350"},
			},
		},
		plan: "Lungmottagningen och verksamhetsutvecklingen följer inläggningar, akutbesök och patientupplevelse var tredje månad mot baslinjen " +
			"från året före piloten. Kommunen rapporterar hemsjukvårdens besök. Mittuniversitetet gör en oberoende utvärdering.",
		path: []step{
			{to: submitted, after: 3, by: "erik"},
			{to: beingAnalysed, after: 8, by: "karin"},
			{to: validated, after: 25, by: "karin"},
			{to: marketScan, after: 10, by: "karin"},
			{to: matched, after: 45, by: "karin"},
			{to: routeDecided, after: 20, by: "karin", route: "pilot", note: "Pilot med 60 patienter på fyra hälsocentraler."},
			{to: piloting, after: 30, by: "karin"},
			{to: implementation, after: 120, by: "karin", note: "Avrop på regionens avtal för distansmonitorering; införs på alla hälsocentraler."},
			{to: benefitFollowUp, after: 90, by: "erik", note: "Första uppföljningen: 18 % färre inläggningar bland inskrivna patienter."},
		},
		contacts: []contact{
			{day: 12, supplier: "storsjo", ours: "Karin Lindqvist, lungmottagningens verksamhetschef", theirs: "Per Olsson", channel: "meeting",
				purpose: "Dialog om egenmonitorering vid KOL", given: "Behovet och krav på tillgänglighet.",
				received: "Plattformen stöder pulsoximeter och symtomskattning (CAT) med larmregler.",
				summary:  "Lösningen täcker syremättnad och symtomskattning. Tillgängligheten för personer med nedsatt syn behöver testas med patienter."},
		},
		summary: "Dialog med en leverantör och en öppen förfrågan på plattformen utan fler svar. Lösningar för egenmonitorering vid KOL finns; " +
			"tillgänglighet för äldre patienter måste prövas i pilot.",
		comments: []comment{
			{in: benefitFollowUp, by: "karin", body: "Östersunds kommun är medägare sedan kommunens behov slogs ihop med detta. Hemsjukvårdens besöksstatistik kommer kvartalsvis."},
		},
		followers: []string{"linnea", "lars"},
	},
	{
		key: "kol-kommun", org: "kommun", by: "sara", owner: "sara", daysAgo: 470,
		need: app.NeedInput{
			Title:      "Digital uppföljning av KOL-patienter i hemsjukvården",
			HowMightWe: "Hur kan vi följa KOL-patienter i den kommunala hemsjukvården på distans, så att sjuksköterskorna kan prioritera hembesöken?",
			Problem: "Sjuksköterskorna i hemsjukvården gör många rutinbesök hos KOL-patienter bara för att mäta syremättnad. Det tar tid från " +
				"patienter med större behov, och försämringar upptäcks ändå ofta sent.",
			CurrentPractice: "Schemalagda hembesök en till tre gånger per vecka; värdena dokumenteras i kommunens journal. Vid försämring " +
				"ringer sjuksköterskan hälsocentralen.",
			Consequence:  "Tid som inte räcker till, sena åtgärder och fler akuta inläggningar.",
			TargetGroups: "KOL-patienter inskrivna i kommunal hemsjukvård; sjuksköterskor i hemsjukvården.",
			CareSettings: []string{"kommunal_hemsjukvard", "egenvard"},
			Tags:         []string{"KOL", "egenmonitorering", "hemsjukvård", "välfärdsteknik"},
			VolumePeople: 140, VolumeEvents: 9500, Urgency: "medium", Visibility: app.VisibleSignedIn,
			Benefits: []app.Benefit{{KPI: "Rutinbesök enbart för mätning", Unit: "besök/år", Baseline: "9 500", Target: "5 000"}},
		},
		path: []step{
			{to: submitted, after: 5, by: "sara"},
			{to: beingAnalysed, after: 7, by: "sara"},
			{to: merged, after: 20, by: "sara", into: "kol", note: "Samma behov som regionens egenmonitorering vid KOL. Slås ihop; kommunen blir medägare med hemsjukvårdens volymer."},
		},
	},
	{
		key: "nattillsyn", org: "kommun", by: "sara", owner: "sara", daysAgo: 540,
		need: app.NeedInput{
			Title:      "Digital nattillsyn i hemtjänsten",
			HowMightWe: "Hur kan vi ge brukare i hemtjänsten trygg tillsyn på natten utan att väcka dem med besök?",
			Problem: "Nattpatrullen gör tillsynsbesök hos omkring 120 brukare varje natt, ofta bara för att se att personen sover. Besöken väcker " +
				"och oroar många, särskilt personer med demenssjukdom, och bilresorna mellan brukarna tar en stor del av natten.",
			CurrentPractice: "Fysiska tillsynsbesök en till fyra gånger per natt enligt biståndsbeslut. Nattpatrullen har tre bilar som täcker hela " +
				"kommunen, också landsbygden runt Brunflo, Lit och Orrviken.",
			Consequence:  "Störd nattsömn för brukarna, ökad fallrisk när de vaknar, långa körsträckor och svårt att bemanna nattpatrullen.",
			TargetGroups: "Brukare med beviljad nattillsyn i ordinärt boende, deras anhöriga, nattpatrullen och biståndshandläggarna.",
			Constraints: "Kameratillsyn kräver samtycke och biståndsbeslut. Ingen bild får sparas. Ska samverka med kommunens " +
				"trygghetslarmcentral. Informationssäkerhet enligt kommunens riktlinjer och GDPR.",
			CareSettings: []string{"hemtjanst"},
			Tags:         []string{"digital nattillsyn", "välfärdsteknik", "hemtjänst", "trygghet"},
			VolumePeople: 120, VolumeEvents: 65000, Urgency: "medium", Visibility: app.VisiblePublic,
			Benefits: []app.Benefit{
				{KPI: "Fysiska tillsynsbesök nattetid", Unit: "besök/år", Baseline: "65 000", Target: "30 000"},
				{KPI: "Körda mil för nattpatrullen", Unit: "mil/år", Baseline: "21 000", Target: "12 000"},
				{KPI: "Brukare som upplever ostörd nattsömn", Unit: "%", Baseline: "40", Target: "75"},
			},
		},
		plan: "Hemtjänstens planeringssystem ger antalet besök och körda mil per månad; brukarenkät två gånger per år. Ansvarig: enhetschefen " +
			"för nattpatrullen. Rapport till socialnämnden varje tertial.",
		path: []step{
			{to: submitted, after: 2, by: "sara"},
			{to: beingAnalysed, after: 6, by: "sara"},
			{to: validated, after: 21, by: "sara"},
			{to: marketScan, after: 10, by: "sara"},
			{to: routeDecided, after: 40, by: "sara", route: "buy", note: "Flera färdiga lösningar finns på marknaden; kommunen upphandlar."},
			{to: procurement, after: 20, by: "sara", lock: lockKommun},
			{to: implementation, after: 95, by: "sara", note: "Avtal tecknat. Införande område för område, start i Brunflo."},
			{to: benefitFollowUp, after: 90, by: "sara"},
			{to: spread, after: 120, by: "sara", note: "Nattillsynen finns nu i alla hemtjänstområden. Erfarenheterna delas med Levanger kommune.",
				adopted: []adoption{{"levanger", "Nattilsyn med kamera og sensor i hjemmetjenesten, 40 brukere i første omgang."}}},
		},
		contacts: []contact{
			{day: 7, supplier: "norrsken", ours: "Sara Nilsson, enhetschef nattpatrullen", theirs: "Oskar Strand", channel: "meeting",
				purpose: "Demonstration av kamera- och sensortillsyn", given: "Behovet, antal brukare och krav på integration med larmcentralen.",
				received: "Kameratillsyn med schemalagda tittar och sensor som larmar vid uppstigning.",
				summary:  "Lösningen uppfyller kraven på att ingen bild sparas och kan kopplas till larmcentralen via standardprotokoll."},
			{day: 15, supplierName: "Nordvakt Larm AB", ours: "Sara Nilsson", theirs: "Försäljningsansvarig", channel: "phone",
				purpose: "Fråga om larmcentralens möjlighet att ta emot tillsynslarm", given: "Behovsbeskrivningen.",
				received: "Larmcentralen kan ta emot larm från de flesta tillsynssystem.",
				summary:  "Larmcentralen utgör inget hinder för digital nattillsyn."},
		},
		summary: "Dialog med en leverantör av tillsynssystem och med larmcentralen. Flera färdiga lösningar finns, så kommunen upphandlar. " +
			"Kravet att ingen bild sparas kan uppfyllas.",
		questions: []question{
			{in: marketScan, by: "oskar", text: "Vilket trygghetslarmsystem och vilken larmcentral ska nattillsynen samverka med?",
				answeredBy: "sara", answer: "Kommunens larmcentral tar emot larm enligt SCAIP. Alla lösningar behöver kunna skicka larm den vägen."},
		},
		comments: []comment{
			{in: benefitFollowUp, by: "sara", body: "Efter sex månader: 48 % färre fysiska nattbesök bland brukarna med digital tillsyn, och nattpatrullen kör en bil mindre."},
		},
		coOwners:  []coOwner{{in: benefitFollowUp, org: "levanger", by: "ingrid", people: 45, events: 24000}},
		followers: []string{"lars", "oskar"},
	},
	{
		key: "lakemedel", org: "kommun", by: "sara", owner: "sara", daysAgo: 500,
		need: app.NeedInput{
			Title:      "Läkemedelsautomater för brukare i hemtjänsten",
			HowMightWe: "Hur kan vi hjälpa brukare att ta rätt läkemedel i rätt tid, utan att hemtjänsten måste komma hem till dem vid varje dostillfälle?",
			Problem: "Många hemtjänstbesök görs enbart för att lämna över läkemedel, ibland fyra gånger per dag. Tiderna styrs av besöksplaneringen " +
				"snarare än av när läkemedlet ska tas, och missade doser förekommer.",
			CurrentPractice: "Hemtjänstpersonal lämnar över dosförpackade läkemedel vid schemalagda besök och signerar på papperslista. " +
				"Avvikelser rapporteras i efterhand.",
			Consequence:  "Stor tidsåtgång för hemtjänsten, brukare som blir beroende av besök för något många klarar själva med rätt stöd, och risk för felmedicinering.",
			TargetGroups: "Brukare med hjälp med läkemedelsöverlämning i ordinärt boende; hemtjänstpersonal; kommunens sjuksköterskor; förskrivare i primärvården.",
			Constraints: "Ska hantera dosförpackade läkemedel från apotek. Larm vid missad dos går till hemtjänstens mobiler. Ska kunna användas " +
				"av personer med lätt kognitiv svikt.",
			CareSettings: []string{"hemtjanst", "kommunal_hemsjukvard", "egenvard"},
			Tags:         []string{"läkemedelsautomat", "välfärdsteknik", "egenvård", "läkemedel"},
			VolumePeople: 260, VolumeEvents: 190000, Urgency: "medium", Visibility: app.VisiblePublic,
			Benefits: []app.Benefit{
				{KPI: "Besök enbart för läkemedelsöverlämning", Unit: "besök/år", Baseline: "190 000", Target: "95 000"},
				{KPI: "Missade doser (avvikelser)", Unit: "avvikelser/år", Baseline: "340", Target: "120"},
			},
		},
		plan: "Hemtjänsten följer antalet överlämningsbesök i planeringssystemet och avvikelser i avvikelsesystemet varje månad. " +
			"Uppföljningssamtal med brukarna efter tre och tolv månader. Ansvarig: Sara Nilsson.",
		path: []step{
			{to: submitted, after: 3, by: "sara"},
			{to: beingAnalysed, after: 10, by: "sara"},
			{to: validated, after: 28, by: "sara"},
			{to: marketScan, after: 14, by: "sara"},
			{to: matched, after: 40, by: "sara"},
			{to: routeDecided, after: 18, by: "sara", route: "buy"},
			{to: procurement, after: 14, by: "sara", lock: lockKommun},
			{to: implementation, after: 110, by: "sara", note: "150 automater levererade; brukare väljs ut tillsammans med sjuksköterskorna."},
			{to: benefitFollowUp, after: 100, by: "sara"},
		},
		contacts: []contact{
			{day: 9, supplier: "dosera", ours: "Sara Nilsson, medicinskt ansvarig sjuksköterska", theirs: "Leila Haddad", channel: "meeting",
				purpose: "Demonstration av läkemedelsautomat", given: "Behovet, antal brukare och hur dosförpackningar levereras i dag.",
				received: "Automaten tar dospåsar direkt, påminner med ljud och ljus och larmar vid missad dos.",
				summary:  "Automaten hanterar dospåsar från apotek och kan larma hemtjänstens mobiler. Påfyllning görs av hemtjänsten var fjortonde dag."},
			{day: 21, supplierName: "Medimatic Nord AB", ours: "Sara Nilsson", theirs: "Kundansvarig", channel: "video",
				purpose: "Tidig dialog om läkemedelsautomater", given: "Behovsbeskrivningen.",
				received: "Automat med karusell för upp till 28 doser.",
				summary:  "Lösningen kräver att dospåsar klipps upp och läggs i karusell, vilket ger mer arbete för hemtjänsten."},
		},
		summary: "Dialog med två leverantörer. Automater som tar dospåsar direkt från apotek ger minst arbete för hemtjänsten. " +
			"Flera leverantörer finns; kommunen upphandlar.",
		questions: []question{
			{in: marketScan, by: "leila", text: "Hur sker påfyllningen i dag: dosförpackade påsar från apotek eller hemtjänstens egen delning i dosett?",
				answeredBy: "sara", answer: "Nästan alla brukare har dosförpackade påsar från apotek. Ett fåtal har dosett som delas av sjuksköterska; de ingår inte i första steget."},
		},
		followers: []string{"lars", "leila"},
	},
	{
		key: "videobesok", org: "kommun", by: "sara", owner: "sara", daysAgo: 300,
		need: app.NeedInput{
			Title:      "Videobesök i hemtjänsten",
			HowMightWe: "Hur kan vi ersätta en del av hemtjänstens korta tillsynsbesök med videosamtal som brukaren själv uppskattar?",
			Problem: "En stor del av hemtjänstens besök är korta tillsynsbesök och påminnelser. För brukare på landsbygden innebär varje besök " +
				"lång körtid. Flera brukare har själva frågat efter att kunna ringa videosamtal, också till anhöriga.",
			CurrentPractice: "Fysiska tillsynsbesök enligt biståndsbeslut. Några enheter har provat surfplattor med konsumentappar, vilket inte " +
				"uppfyller kraven på informationssäkerhet.",
			Consequence:  "Hög körtid, svårt att rekrytera personal till glesbygdsområden och mindre tid för omvårdnad hos dem som behöver den mest.",
			TargetGroups: "Brukare med tillsyn i ordinärt boende som kan och vill använda video; hemtjänstgrupperna i Brunflo, Lit och centrala Östersund; anhöriga.",
			Constraints: "Ska vara enkel att använda utan vana vid pekskärm. Säker inloggning för personal, krypterad förbindelse, ingen " +
				"inspelning. Ska fungera över mobilnätet där fiber saknas.",
			CareSettings: []string{"hemtjanst"},
			Tags:         []string{"videomöte", "välfärdsteknik", "hemtjänst", "distansvård"},
			VolumePeople: 300, VolumeEvents: 52000, Urgency: "medium", Visibility: app.VisiblePublic,
			Benefits: []app.Benefit{
				{KPI: "Fysiska tillsynsbesök", Unit: "besök/år", Baseline: "52 000", Target: "35 000"},
				{KPI: "Körtid i hemtjänsten", Unit: "timmar/år", Baseline: "14 000", Target: "9 500"},
			},
		},
		path: []step{
			{to: submitted, after: 4, by: "sara"},
			{to: beingAnalysed, after: 9, by: "sara"},
			{to: validated, after: 25, by: "sara"},
			{to: marketScan, after: 12, by: "sara"},
			{to: routeDecided, after: 60, by: "sara", route: "buy", note: "Marknaden är mogen; upphandling enligt LOU."},
			{to: procurement, after: 30, by: "sara", lock: lockKommun, note: "Upphandlingen annonserad."},
		},
		contacts: []contact{
			{day: 14, supplier: "fjallvard", ours: "Sara Nilsson, två enhetschefer i hemtjänsten", theirs: "Anna Ek", channel: "meeting",
				purpose: "Dialogmöte om videobesök i hemtjänsten", given: "Behovet och erfarenheter från försöket med surfplattor.",
				received: "Förenklat gränssnitt där brukaren bara svarar; personalen ringer från mobilen.",
				summary:  "Lösningen uppfyller kraven på säkerhet och enkelhet. Fungerar över mobilnätet med sänkt bildkvalitet."},
			{day: 30, supplierName: "Hemvideo Sverige AB", ours: "Sara Nilsson", theirs: "Säljare", channel: "email",
				purpose: "Svar på behovsbeskrivningen", given: "Behovsbeskrivningen.",
				received: "Produktblad och referenser från två kommuner.",
				summary:  "Färdig tjänst för videotillsyn i hemtjänst finns; referenser från kommuner av liknande storlek."},
		},
		summary: "Dialog med två leverantörer. Färdiga tjänster för videobesök i hemtjänst finns och uppfyller kraven; kommunen upphandlar. " +
			"Under upphandlingen ställs frågor endast i upphandlingsverktyget.",
		questions: []question{
			{in: marketScan, by: "anna", text: "Ska brukaren kunna starta samtalet själv, eller bara ta emot samtal från personalen?",
				answeredBy: "sara", answer: "I första steget räcker det att brukaren tar emot samtal. Att kunna ringa anhöriga är ett önskemål, inte ett krav."},
			{in: marketScan, by: "oskar", text: "Kan videobesöket kombineras med sensorer för tillsyn, eller ska det vara en fristående tjänst?",
				answeredBy: "sara", answer: "Det ska vara en fristående tjänst, men det är en fördel om den kan kopplas till kommunens larmcentral."},
		},
		comments: []comment{
			{in: procurement, by: "sara", body: "Anbudstiden går ut om sex veckor. Kontakta inte leverantörerna direkt under tiden."},
		},
		followers: []string{"lars", "anna"},
	},
	{
		key: "fallupptackt", org: "kommun", by: "sara", owner: "sara", daysAgo: 220,
		need: app.NeedInput{
			Title:      "Fallupptäckt på särskilt boende",
			HowMightWe: "Hur kan vi upptäcka fall på särskilt boende direkt, även nattetid och i rum där den boende är ensam?",
			Problem: "Fall är den vanligaste orsaken till skador bland de boende på SÄBO. Många fall sker nattetid och upptäcks först vid nästa " +
				"tillsynsrunda, ibland efter flera timmar. Boende med demenssjukdom kan inte själva larma.",
			CurrentPractice: "Tillsynsrundor varannan timme nattetid, sängmattor med rörelselarm för vissa boende och trygghetslarm som den boende själv trycker på.",
			Consequence:     "Fallskador och långa liggtider, fler ambulanstransporter och sjukhusvård, och oro hos anhöriga.",
			TargetGroups:    "Boende på kommunens särskilda boenden, särskilt personer med demenssjukdom; omvårdnadspersonal; sjuksköterskor.",
			Constraints: "Integritet: ingen bild får sparas och lösningen ska kunna fungera utan kamerabild. Larmen ska gå till befintligt " +
				"larmsystem och personalens mobiler.",
			CareSettings: []string{"sarskilt_boende"},
			Tags:         []string{"fallprevention", "välfärdsteknik", "sensorer", "SÄBO", "digital tillsyn"},
			VolumePeople: 520, VolumeEvents: 900, Urgency: "high", Visibility: app.VisibleSignedIn,
			Benefits: []app.Benefit{
				{KPI: "Fall med skada", Unit: "fall/år", Baseline: "210", Target: "150"},
				{KPI: "Liggtid efter fall (median)", Unit: "minuter", Baseline: "55", Target: "10"},
			},
		},
		path: []step{
			{to: submitted, after: 3, by: "sara"},
			{to: beingAnalysed, after: 8, by: "sara"},
			{to: validated, after: 30, by: "sara"},
			{to: marketScan, after: 14, by: "sara"},
			{to: matched, after: 75, by: "sara", note: "En radarbaserad lösning utan kamerabild bedöms bäst uppfylla integritetskraven."},
		},
		contacts: []contact{
			{day: 20, supplier: "norrsken", ours: "Sara Nilsson, enhetschef på ett av boendena", theirs: "Oskar Strand", channel: "meeting",
				purpose: "Demonstration på boende", given: "Rummens planlösning och larmsystemet.",
				received: "Radarsensor som upptäcker fall utan bild och larmar till personalens mobiler.",
				summary:  "Radarsensorn upptäckte alla testfall i demonstrationen. Integration med larmsystemet finns."},
			{day: 35, supplierName: "Radarvakt Norr AB", ours: "Sara Nilsson", theirs: "Teknisk säljare", channel: "video",
				purpose: "Tidig dialog om fallupptäckt", given: "Behovsbeskrivningen.",
				received: "Kamerabaserad lösning med siluettbild.",
				summary:  "Lösningen bygger på kamera med siluettbild; uppfyller inte kravet att fungera helt utan bild."},
		},
		summary: "Dialog med två leverantörer. Radarbaserade sensorer kan upptäcka fall utan bild; kamerabaserade lösningar uppfyller inte " +
			"integritetskraven. Nästa steg är att välja väg.",
		questions: []question{
			{in: marketScan, by: "oskar", text: "Godtar ni en kamerabaserad lösning där bilden anonymiseras till siluett, eller bara lösningar helt utan bild?",
				answeredBy: "sara", answer: "Lösningen ska kunna fungera helt utan bild. Kamera kan vara ett tillval för enskilda boende med samtycke."},
		},
		followers: []string{"lars", "linnea"},
	},
	{
		key: "stroke", org: "region", by: "erik", owner: "erik", daysAgo: 330,
		need: app.NeedInput{
			Title:      "Digital rehabilitering efter stroke",
			HowMightWe: "Hur kan vi ge personer som haft stroke rehabilitering hemma, med stöd av fysioterapeut och arbetsterapeut på distans?",
			Problem: "Efter utskrivning från strokeenheten behöver många intensiv träning de första månaderna. För den som bor i Härjedalen eller " +
				"västra Jämtland innebär varje träningstillfälle i Östersund en lång resa, och många tackar nej eller avbryter.",
			CurrentPractice: "Träning på sjukhusets rehabenhet eller hälsocentralens rehabmottagning och ett fåtal hembesök av kommunens " +
				"rehabpersonal. Träningsprogram på papper.",
			Consequence:  "Sämre funktion efter stroke, större behov av hemtjänst och ojämlik rehabilitering beroende på var man bor.",
			TargetGroups: "Personer som vårdats för stroke och bor i länet, närstående, fysioterapeuter och arbetsterapeuter i region och kommun; på sikt även patienter i Levanger.",
			Constraints: "Ska fungera på patientens egen surfplatta eller lånad utrustning. Tillgänglighet enligt WCAG 2.1 AA. Svenska och " +
				"norska språkversioner om samarbetet över gränsen blir av.",
			CareSettings: []string{"rehabilitering", "sjukhusvard", "egenvard"},
			Tags:         []string{"rehabilitering", "stroke", "distansvård", "Interreg", "gränsöverskridande"},
			VolumePeople: 380, VolumeEvents: 6000, Urgency: "medium", Visibility: app.VisiblePublic,
			Benefits: []app.Benefit{
				{KPI: "Genomförda träningspass per patient de första tre månaderna", Unit: "pass/patient", Baseline: "8", Target: "24"},
				{KPI: "Resor till rehabmottagning", Unit: "resor/år", Baseline: "3 100", Target: "1 500"},
			},
		},
		path: []step{
			{to: submitted, after: 5, by: "erik"},
			{to: beingAnalysed, after: 14, by: "karin"},
			{to: validated, after: 40, by: "karin"},
			{to: marketScan, after: 20, by: "karin"},
			{to: routeDecided, after: 80, by: "karin", route: "seek_funding",
				note: "Ingen färdig lösning täcker behovet på två språk. Ansökan till Interreg Aurora tillsammans med Levanger kommune och Mittuniversitetet."},
		},
		contacts: []contact{
			{day: 12, supplier: "fjallvard", ours: "Karin Lindqvist, fysioterapeut från strokeenheten", theirs: "Anna Ek", channel: "video",
				purpose: "Dialog om videobaserad träning", given: "Behovet och träningsupplägget efter stroke.",
				received: "Gruppträning via video finns; individuella träningsprogram saknas.",
				summary:  "Video för gruppträning finns. Individuella program och uppföljning av träningen behöver utvecklas."},
			{day: 40, supplier: "storsjo", ours: "Karin Lindqvist", theirs: "Per Olsson", channel: "meeting",
				purpose: "Dialog om uppföljning av träning", given: "Behovet.",
				received: "Plattformen kan registrera genomförda övningar och skattningar.",
				summary:  "Uppföljning av träning är möjlig men plattformen finns bara på svenska."},
		},
		summary: "Dialog med två leverantörer. Delar av behovet täcks av befintliga lösningar men ingen täcker individuell träning på svenska " +
			"och norska. Regionen söker extern finansiering för utveckling tillsammans med partner i Norge.",
		questions: []question{
			{in: marketScan, by: "per", text: "Gäller behovet även patienter i Levanger, och i så fall på norska?",
				answeredBy: "karin", answer: "Ja, om samarbetet med Levanger kommune får finansiering. Lösningen bör därför kunna översättas till norska."},
		},
		coOwners:  []coOwner{{in: marketScan, org: "levanger", by: "ingrid", people: 90, events: 1400}},
		followers: []string{"linnea", "ola"},
	},
	{
		key: "tandvard", org: "region", by: "erik", owner: "erik", daysAgo: 150,
		need: app.NeedInput{
			Title:      "Distansbedömning av akuta tandbesvär",
			HowMightWe: "Hur kan vi bedöma akuta tandbesvär på distans, så att patienter i glesbygd bara reser till kliniken när det behövs?",
			Problem: "Folktandvårdens kliniker i länets västra och södra delar har långa avstånd och begränsade öppettider. Många akuta besök " +
				"visar sig kunna hanteras med råd eller recept, medan andra borde ha prioriterats tidigare.",
			CurrentPractice: "Telefonrådgivning utan bild: patienten beskriver besvären muntligt och får ofta en akuttid för säkerhets skull.",
			Consequence:     "Onödiga resor och akuttider som tränger undan planerad vård; svårt att prioritera rätt.",
			TargetGroups: "Patienter med akuta tandbesvär, särskilt i Härjedalen och västra Jämtland; tandhygienister och tandläkare i " +
				"Folktandvården; personal på särskilt boende som hjälper boende med munhälsan.",
			Constraints:  "Bilder är patientuppgifter och ska lagras i journalen, inte i appen. Inloggning med BankID eller Freja. Ska fungera med mobilkamera.",
			CareSettings: []string{"tandvard", "sarskilt_boende"},
			Tags:         []string{"tandvård", "distansvård", "triage", "glesbygd", "bildöverföring"},
			VolumePeople: 2200, VolumeEvents: 2600, Urgency: "medium", Visibility: app.VisiblePublic,
			Benefits: []app.Benefit{
				{KPI: "Akuta ärenden som kan hanteras på distans", Unit: "%", Baseline: "0", Target: "30"},
				{KPI: "Resor till akut tandvård", Unit: "resor/år", Baseline: "2 600", Target: "1 800"},
			},
		},
		path: []step{
			{to: submitted, after: 4, by: "erik"},
			{to: beingAnalysed, after: 10, by: "karin"},
			{to: validated, after: 30, by: "karin"},
			{to: marketScan, after: 20, by: "karin", note: "Behovet publicerat för leverantörer; dialogmöte planeras."},
		},
		contacts: []contact{
			{day: 15, supplier: "fjallvard", ours: "Karin Lindqvist, klinikchef Folktandvården", theirs: "Anna Ek", channel: "video",
				purpose: "Dialog om bildbaserad triage", given: "Behovet och hur akuttelefonen fungerar i dag.",
				received: "Patienten kan skicka bilder i videobesöket; bilderna kan exporteras till journalen.",
				summary:  "Videobesök med bilder från mobilkamera fungerar för triage; kvaliteten räcker för mjukdelar men sämre för tänder längst bak."},
			{day: 60, supplier: "storsjo", ours: "Karin Lindqvist", theirs: "Per Olsson", channel: "meeting",
				purpose: "Dialog om formulär och bilder före bedömning", given: "Behovet.",
				received: "Strukturerat symtomformulär med bilduppladdning."},
		},
		summary: "Utkast: dialog med två leverantörer hittills. Bildbaserad triage via mobilkamera är möjlig; integrationen med tandvårdens " +
			"journalsystem är oklar.",
		questions: []question{
			{in: marketScan, by: "anna", text: "Räcker bilder tagna med patientens mobil, eller behövs intraoral kamera?",
				answeredBy: "karin", answer: "Mobilbilder ska räcka för en första bedömning. Intraoral kamera är inte aktuell i hemmet men kan finnas på särskilt boende."},
			{in: marketScan, by: "per", text: "Finns det krav på integration med tandvårdens journalsystem redan från start?"},
		},
		followers: []string{"anna", "per"},
	},
	{
		key: "psykiatri", org: "region", by: "erik", owner: "erik", daysAgo: 120,
		need: app.NeedInput{
			Title:      "Psykiatrisk uppföljning via video",
			HowMightWe: "Hur kan vi följa upp patienter inom psykiatrin via video, så att uppföljningen blir tätare och resorna färre?",
			Problem: "Patienter med långvarig psykisk ohälsa som bor långt från psykiatrimottagningen i Östersund uteblir ofta från återbesök. " +
				"Täta uppföljningar efter utskrivning är viktiga men svåra att genomföra.",
			CurrentPractice: "Återbesök på mottagningen och telefonsamtal vid behov. Videobesök används sporadiskt i en allmän lösning utan " +
				"stöd för psykiatrins behov, till exempel skattningsskalor.",
			Consequence:  "Uteblivna besök, återinläggningar och ökad risk för suicid efter utskrivning.",
			TargetGroups: "Patienter inom vuxenpsykiatrins öppenvård, särskilt i glesbygd; psykiatrisjuksköterskor, psykologer och läkare.",
			Constraints: "Skattningsskalor ska kunna fyllas i före besöket och föras till journalen. Stark autentisering. Ska kunna användas " +
				"från en hälsocentral för den som saknar egen utrustning.",
			CareSettings: []string{"psykiatri", "primarvard"},
			Tags:         []string{"psykiatri", "videomöte", "distansvård", "uppföljning"},
			VolumePeople: 1100, VolumeEvents: 5500, Urgency: "high", Visibility: app.VisibleSignedIn,
			Benefits: []app.Benefit{
				{KPI: "Uteblivna återbesök", Unit: "%", Baseline: "18", Target: "8"},
				{KPI: "Uppföljning inom sju dagar efter utskrivning", Unit: "%", Baseline: "62", Target: "90"},
			},
		},
		path: []step{
			{to: submitted, after: 5, by: "erik"},
			{to: beingAnalysed, after: 12, by: "karin"},
			{to: validated, after: 45, by: "karin", note: "Validerat med psykiatrins ledning; patientrådet har lämnat synpunkter."},
		},
		comments: []comment{
			{in: validated, by: "karin", body: "Innan marknadsdialogen vill psykiatrin pröva regionens befintliga videotjänst med skattningsskalor i två månader."},
		},
		followers: []string{"anna"},
	},
	{
		key: "samiska", org: "region", by: "erik", daysAgo: 75,
		need: app.NeedInput{
			Title:      "Vårdinformation på samiska",
			HowMightWe: "Hur kan vi ge samiska patienter information om vården och kallelser på sydsamiska och nordsamiska?",
			Problem: "Regionen och Östersunds kommun ingår i det samiska förvaltningsområdet och ska kunna ge service på samiska. I dag finns " +
				"nästan ingen patientinformation, inga kallelser och ingen digital tjänst på samiska, och det finns få översättare för sydsamiska.",
			CurrentPractice: "Enstaka trycksaker på sydsamiska. Tolk bokas vid behov, men tolkar i sydsamiska är mycket få. 1177 har begränsat innehåll på samiska.",
			Consequence:     "Samiska patienter får sämre information om sin vård, lagens krav uppfylls inte och förtroendet för vården påverkas.",
			TargetGroups:    "Samisktalande invånare i Jämtland och Härjedalen, särskilt äldre; vårdpersonal; samiska organisationer som samrådsparter.",
			Constraints: "Översättningar ska granskas av modersmålstalare. Maskinöversättning får bara användas med mänsklig granskning. " +
				"Samråd med samiska representanter enligt minoritetslagen.",
			CareSettings: []string{"primarvard", "sjukhusvard", "sarskilt_boende"},
			Tags:         []string{"samiska", "nationella minoriteter", "tillgänglighet", "patientinformation"},
			VolumePeople: 2000, Urgency: "medium", Visibility: app.VisiblePublic,
			Benefits: []app.Benefit{{KPI: "Patientinformation tillgänglig på sydsamiska", Unit: "texter", Baseline: "4", Target: "60"}},
		},
		path: []step{
			{to: submitted, after: 6, by: "erik"},
			{to: beingAnalysed, after: 15, by: "karin"},
		},
		comments: []comment{
			{in: beingAnalysed, by: "karin", body: "Samråd bokat med samiska föreningar och Gaaltije. Vi avvaktar deras synpunkter innan behovet valideras."},
		},
		coOwners:  []coOwner{{in: beingAnalysed, org: "kommun", by: "sara", people: 600}},
		followers: []string{"linnea"},
	},
	{
		key: "ambulans", org: "region", by: "erik", owner: "karin", daysAgo: 380,
		need: app.NeedInput{
			Title:      "Beslutsstöd för ambulanssjukvården",
			HowMightWe: "Hur kan vi ge ambulanspersonalen beslutsstöd på plats, så att fler patienter får rätt vårdnivå utan transport till akuten?",
			Problem: "Ambulansen transporterar nästan alla patienter till akutmottagningen i Östersund, också när en hälsocentral eller egenvård " +
				"hade räckt. Personalen saknar stöd för att tryggt lämna patienten hemma eller hänvisa.",
			CurrentPractice: "Bedömning enligt triagesystemet och telefonkontakt med läkare. Ingen strukturerad dokumentation av hänvisningar.",
			Consequence:     "Långa transporter, ambulanser som är borta från sitt område i timmar och ökad belastning på akuten.",
			TargetGroups:    "Ambulanssjuksköterskor, patienter med lågt prioriterade larm, akutläkare och hälsocentraler som tar emot hänvisade patienter.",
			Constraints: "Ska integreras med ambulansjournalen. Beslutsstödet kan vara en medicinteknisk produkt enligt MDR. Måste fungera " +
				"med dålig mobiltäckning.",
			CareSettings: []string{"ambulans", "sjukhusvard", "primarvard"},
			Tags:         []string{"ambulans", "beslutsstöd", "prehospital", "akutsjukvård"},
			VolumePeople: 6000, VolumeEvents: 9000, Urgency: "high", Visibility: app.VisibleSignedIn,
			Benefits: []app.Benefit{
				{KPI: "Ambulansuppdrag som avslutas utan transport till akuten", Unit: "%", Baseline: "9", Target: "20"},
				{KPI: "Transporttid Härjedalen–Östersund", Unit: "timmar/år", Baseline: "5 400", Target: "4 000"},
			},
		},
		path: []step{
			{to: submitted, after: 3, by: "erik"},
			{to: beingAnalysed, after: 20, by: "karin"},
			{to: validated, after: 40, by: "karin"},
			{to: onHold, after: 30, by: "karin", note: "Pausat i väntan på beslut om ny ambulansjournal; beslutsstödet måste integreras där."},
		},
		comments: []comment{
			{in: onHold, by: "karin", body: "Återuppta när journalupphandlingen är avgjord. Ambulanschefen hör av sig."},
		},
		followers: []string{"ola"},
	},
	{
		key: "trygghetslarm", org: "kommun", by: "sara", owner: "sara", daysAgo: 450,
		need: app.NeedInput{
			Title:      "Modernisering av trygghetslarmen",
			HowMightWe: "Hur kan vi ersätta de analoga trygghetslarmen med digitala larm som också fungerar utomhus och kan kopplas till andra sensorer?",
			Problem: "Det analoga telenätet avvecklas och flera av kommunens larm bygger fortfarande på det. Larmen fungerar bara inomhus, och " +
				"larmcentralen kan inte ta emot signaler från till exempel fallsensorer eller dörrlarm.",
			CurrentPractice: "Omkring 1 100 brukare har trygghetslarm med bärbar knapp. Larmen går till en extern larmcentral som ringer " +
				"hemtjänsten. Flera larm har fallerat vid tester.",
			Consequence:  "Risk för larm som inte når fram, och ingen möjlighet att bygga ut med fler välfärdstekniska tjänster.",
			TargetGroups: "Brukare med trygghetslarm, anhöriga, hemtjänstens larmgrupp och biståndshandläggare.",
			Constraints:  "Ska följa standarden för digitala trygghetslarm (SCAIP). Larmcentral bemannad dygnet runt. Ska fungera där mobiltäckningen är svag.",
			CareSettings: []string{"hemtjanst", "sarskilt_boende"},
			Tags:         []string{"trygghetslarm", "välfärdsteknik", "digitalisering", "hemtjänst"},
			VolumePeople: 1100, VolumeEvents: 38000, Urgency: "critical", Visibility: app.VisiblePublic,
			Benefits: []app.Benefit{
				{KPI: "Trygghetslarm på digital teknik", Unit: "%", Baseline: "35", Target: "100"},
				{KPI: "Larm som inte når larmcentralen vid test", Unit: "%", Baseline: "4", Target: "0"},
			},
		},
		path: []step{
			{to: submitted, after: 2, by: "sara"},
			{to: beingAnalysed, after: 12, by: "sara"},
			{to: validated, after: 30, by: "sara"},
			{to: marketScan, after: 14, by: "sara"},
			{to: closed, after: 90, by: "sara", reason: "replaced", note: "Kommunen avropar digitala trygghetslarm och larmcentral via ett nationellt ramavtal; behovet täcks där."},
		},
		contacts: []contact{
			{day: 10, supplier: "norrsken", ours: "Sara Nilsson, larmgruppens samordnare", theirs: "Oskar Strand", channel: "meeting",
				purpose: "Dialog om digitala trygghetslarm och sensorer", given: "Antal larm, larmflöden och problemen med analoga larm.",
				received: "Digitala larm med mobil uppkoppling och möjlighet att koppla dörr- och fallsensorer.",
				summary:  "Digitala larm med sensorer finns och kan skicka larm enligt SCAIP. Utomhuslarm med GPS är ett tillval."},
			{day: 25, supplierName: "Nordvakt Larm AB", ours: "Sara Nilsson", theirs: "Kundansvarig larmcentral", channel: "phone",
				purpose: "Larmcentralens möjligheter", given: "Behovet.",
				received: "Larmcentralen tar emot digitala larm från flera tillverkare.",
				summary:  "Larmcentralen klarar digitala larm och sensorlarm utan ombyggnad."},
		},
		summary: "Dialog med en larmleverantör och en larmcentral. Marknaden är mogen och ett nationellt ramavtal täcker både larm och " +
			"larmcentral, så kommunen avropar i stället för att upphandla själv.",
		comments: []comment{
			{in: marketScan, by: "sara", body: "Ett nytt nationellt ramavtal för trygghetslarm är aviserat. Vi väntar in det innan vi väljer väg."},
		},
		followers: []string{"lars", "oskar"},
	},
	{
		key: "tolk", org: "region", by: "erik", daysAgo: 200,
		need: app.NeedInput{
			Title:      "Enklare bokning av tolk",
			HowMightWe: "Hur kan vi boka tolk till patientbesök snabbare och utan dubbelarbete?",
			Problem: "Att boka tolk tar lång tid: personalen ringer tolkförmedlingen, bekräftelser kommer med e-post och uppgifterna förs in " +
				"för hand i tidboken. Avbokade besök glöms ofta bort hos tolken.",
			CurrentPractice: "Telefon och e-post till tolkförmedlingen, manuell registrering i journalens tidbok.",
			Consequence:     "Tidsspillan för vårdadministratörer, kostnader för tolkar som inte behövs och besök som ställs in när tolken inte kommer.",
			TargetGroups:    "Vårdadministratörer och vårdpersonal; patienter som behöver tolk, också teckenspråk och samiska.",
			Constraints:     "Ska fungera med regionens tidbok och gällande tolkavtal.",
			CareSettings:    []string{"primarvard", "sjukhusvard", "psykiatri"},
			Tags:            []string{"tolk", "administration", "bokning"},
			VolumePeople:    4500, VolumeEvents: 14000, Urgency: "low", Visibility: app.VisibleSignedIn,
			Benefits: []app.Benefit{{KPI: "Administrativ tid per tolkbokning", Unit: "minuter", Baseline: "15", Target: "3"}},
		},
		path: []step{
			{to: submitted, after: 4, by: "erik"},
			{to: beingAnalysed, after: 10, by: "karin"},
			{to: rejected, after: 21, by: "karin", note: "Avslås som innovationsbehov: webbokning av tolk ingår i regionens nya tolkavtal från årsskiftet och följs upp i linjen."},
		},
	},
	{
		key: "vardplaner", org: "region", by: "karin", owner: "karin", daysAgo: 160,
		need: app.NeedInput{
			Title:      "Delade vårdplaner över riksgränsen",
			HowMightWe: "Hur kan vi dela vårdplaner och läkemedelslistor säkert mellan vården i Jämtland och i Trøndelag när en patient vårdas på båda sidor om gränsen?",
			Problem: "Invånare i västra Jämtland söker ofta vård i Norge, och norska fritidsboende vårdas i Jämtland. Journaluppgifter skickas " +
				"med fax eller post, eller inte alls. Läkemedelslistor blir fel och undersökningar görs om.",
			CurrentPractice: "Epikriser och remisser skickas på papper eller fax; ibland bär patienten själv med sig utskrifter. Det finns ingen " +
				"gemensam teknisk lösning och ingen överenskommelse om informationsutbyte.",
			Consequence:  "Risk för felmedicinering, dubbla undersökningar och förseningar för patienter som rör sig över gränsen.",
			TargetGroups: "Patienter som vårdas på båda sidor om gränsen; vårdpersonal i Region Jämtland Härjedalen, Levanger kommune och Helse Nord-Trøndelag.",
			Constraints: "Kräver rättslig grund för utlämnande över gränsen (GDPR, patientdatalagen, den norska pasientjournalloven). " +
				"Standarder: HL7 FHIR och International Patient Summary. Svenska och norska.",
			CareSettings: []string{"sjukhusvard", "primarvard", "kommunal_hemsjukvard"},
			Tags:         []string{"gränsöverskridande", "informationsöverföring", "FHIR", "Interreg", "Norge"},
			VolumePeople: 1500, VolumeEvents: 2300, Urgency: "high", Visibility: app.VisiblePartners,
			Benefits: []app.Benefit{
				{KPI: "Remisser och epikriser som skickas med fax eller post", Unit: "dokument/år", Baseline: "2 300", Target: "200"},
				{KPI: "Dubbla undersökningar (uppskattning)", Unit: "undersökningar/år", Baseline: "400", Target: "150"},
			},
		},
		partners: []string{"levanger", "hnt", "miun"},
		path: []step{
			{to: submitted, after: 7, by: "karin"},
			{to: beingAnalysed, after: 14, by: "karin"},
			{to: validated, after: 45, by: "karin", note: "Validerat tillsammans med Levanger kommune och Helse Nord-Trøndelag."},
		},
		comments: []comment{
			{in: beingAnalysed, by: "ingrid", body: "Levanger kan bidra med erfaringer fra Helseplattformen og ønsker å være med i en felles Interreg-søknad."},
			{in: validated, by: "karin", body: "En juridisk förstudie behövs före marknadsdialogen. Regionjuristen och Helse Nord-Trøndelags personvernombud gör en gemensam bedömning."},
		},
		coOwners: []coOwner{
			{in: submitted, org: "levanger", by: "ingrid", people: 400, events: 600},
			{in: beingAnalysed, org: "hnt", by: "ola", people: 800, events: 1200},
		},
		followers: []string{"linnea"},
	},
	{
		key: "hnt-akuttflyt", org: "hnt", by: "ola", daysAgo: 40,
		need: app.NeedInput{
			Title:      "Akuttpasienter fra Jämtland ved Sykehuset Levanger",
			HowMightWe: "Hvordan kan vi ta imot akuttpasienter fra Jämtland ved Sykehuset Levanger uten at viktig informasjon går tapt underveis?",
			Problem: "Pasienter fra grenseområdene i Jämtland fraktes av og til til Sykehuset Levanger. Ambulansejournalen og tidligere " +
				"opplysninger følger ikke med digitalt, og svenske identitetsnumre kan ikke brukes i våre systemer.",
			CurrentPractice: "Muntlig rapport fra ambulansen og telefon til vakthavende lege i Östersund. Papirkopier sendes i etterkant.",
			Consequence:     "Forsinket behandling, dobbeltarbeid og risiko for feil når opplysninger mangler.",
			TargetGroups:    "Akuttmottaket ved Sykehuset Levanger, ambulansetjenesten i Jämtland og pasienter fra grenseområdene.",
			Constraints:     "Må følge norsk og svensk regelverk for deling av helseopplysninger. Løsningen bør bygge på HL7 FHIR.",
			CareSettings:    []string{"ambulans", "sjukhusvard"},
			Tags:            []string{"gränsöverskridande", "akutsjukvård", "ambulans", "Norge"},
			VolumePeople:    150, VolumeEvents: 180, Urgency: "medium", Visibility: app.VisiblePublic,
			Benefits: []app.Benefit{{KPI: "Pasienter med fullstendig informasjon ved ankomst", Unit: "%", Baseline: "20", Target: "90"}},
		},
		path: []step{
			{to: submitted, after: 5, by: "ola", note: "Meldt inn etter møte om grenseoverskridende akuttflyt."},
		},
		followers: []string{"karin", "ingrid"},
	},
	{
		key: "gps-demens", org: "levanger", by: "ingrid", owner: "ingrid", daysAgo: 200,
		need: app.NeedInput{
			Title:      "Trygg utetid for personer med demens",
			HowMightWe: "Hvordan kan vi gi hjemmeboende personer med demens trygg utetid, slik at de kan gå tur alene uten at pårørende og hjemmetjenesten er bekymret?",
			Problem: "Flere hjemmeboende med demens blir borte når de går ut alene, særlig om vinteren. Letingen binder opp hjemmetjenesten og " +
				"politiet, og pårørende ber om at personen ikke går ut alene, noe som gir passivitet.",
			CurrentPractice: "Pårørende og hjemmetjenesten avtaler faste turer. Noen få har GPS-klokke kjøpt privat, og varslene når ikke hjemmetjenesten.",
			Consequence:     "Redusert livskvalitet og frihet for brukerne, økt behov for institusjonsplass og stor belastning på pårørende.",
			TargetGroups:    "Hjemmeboende med demens i Levanger, pårørende, hjemmetjenesten og tildelingskontoret.",
			Constraints:     "Samtykke eller vedtak etter pasient- og brukerrettighetsloven. Varsler skal gå til kommunens responssenter. Batteritid minst to døgn.",
			CareSettings:    []string{"hemtjanst", "kommunal_hemsjukvard"},
			Tags:            []string{"GPS", "demens", "välfärdsteknik", "velferdsteknologi", "trygghet"},
			VolumePeople:    70, VolumeEvents: 120, Urgency: "medium", Visibility: app.VisiblePartners,
			Benefits: []app.Benefit{
				{KPI: "Letesaker etter savnede personer med demens", Unit: "saker/år", Baseline: "14", Target: "4"},
				{KPI: "Brukere som går tur alene hver uke", Unit: "%", Baseline: "20", Target: "60"},
			},
		},
		partners: []string{"kommun", "norrsken"},
		path: []step{
			{to: submitted, after: 3, by: "ingrid"},
			{to: beingAnalysed, after: 10, by: "ingrid"},
			{to: validated, after: 24, by: "ingrid"},
			{to: marketScan, after: 14, by: "ingrid"},
			{to: routeDecided, after: 45, by: "ingrid", route: "pilot", note: "Pilot med ti brukere i Levanger sentrum og Skogn; erfaringsutveksling med Östersunds kommun."},
		},
		contacts: []contact{
			{day: 8, supplier: "norrsken", ours: "Ingrid Haugen", theirs: "Oskar Strand", channel: "video",
				purpose: "Dialog om GPS-alarm", given: "Behovet og kravene til responssenteret.",
				received: "GPS-alarm med geofence og varsel til responssenter; batteritid tre døgn.",
				summary:  "Løsningen oppfyller kravene til batteritid og varsling til responssenteret."},
			{day: 20, supplierName: "Trygg Tur AS", ours: "Ingrid Haugen, leder hjemmetjenesten", theirs: "Daglig leder", channel: "meeting",
				purpose: "Demonstrasjon av GPS-klokke", given: "Behovet.",
				received: "GPS-klokke med fallalarm; varsler går bare til pårørende.",
				summary:  "Varslene kan ikke sendes til kommunens responssenter i dag."},
		},
		summary: "Dialog med to leverandører. GPS-alarmer med varsel til responssenter finnes; Levanger prøver dem ut i en pilot før innkjøp.",
		questions: []question{
			{in: marketScan, by: "oskar", text: "Skal GPS-alarmen kobles til kommunens trygghetsalarmsentral, eller holder det med varsel til pårørende?",
				answeredBy: "ingrid", answer: "Varsler skal gå til kommunens responssenter. Varsel til pårørende er et tillegg."},
		},
		followers: []string{"sara"},
	},
	{
		key: "sarvard", org: "region", by: "erik", daysAgo: 12,
		need: app.NeedInput{
			Title:        "Digitalt stöd för sårbehandling i hemsjukvården",
			HowMightWe:   "Hur kan vi låta sårsjuksköterskan bedöma svårläkta sår utan att åka hem till patienten?",
			Problem:      "Patienter med svårläkta bensår besöks av kommunens sjuksköterskor, men bedömningen behöver ofta göras av regionens sårsjuksköterska eller hudläkare. Bilder skickas på olika sätt eller inte alls.",
			CareSettings: []string{"kommunal_hemsjukvard", "primarvard"},
			Tags:         []string{"sårvård", "bildöverföring", "distansvård"},
			VolumePeople: 350, Visibility: app.VisibleOrganisation,
		},
	},
	{
		key: "vatska", org: "kommun", by: "sara", daysAgo: 5,
		need: app.NeedInput{
			Title:        "Påminnelser om vätskeintag på särskilt boende",
			HowMightWe:   "Hur kan vi se till att de boende på SÄBO dricker tillräckligt, särskilt under värmeböljor?",
			Problem:      "Uttorkning bidrar till förvirring, fall och urinvägsinfektioner. Personalen har svårt att hålla koll på hur mycket varje boende dricker.",
			CareSettings: []string{"sarskilt_boende"},
			Tags:         []string{"SÄBO", "nutrition", "välfärdsteknik"},
			VolumePeople: 520, Visibility: app.VisiblePublic,
		},
	},
	{
		key: "inr", org: "region", by: "erik", daysAgo: 260,
		need: app.NeedInput{
			Title:      "Egentestning av PK(INR) hemma",
			HowMightWe: "Hur kan vi låta patienter som behandlas med warfarin mäta PK(INR) själva hemma och få sin dosering digitalt?",
			Problem: "Patienter med warfarinbehandling måste lämna prov på hälsocentralen regelbundet, ibland varje vecka. För den som bor " +
				"långt bort blir det många resor.",
			CurrentPractice: "Provtagning på hälsocentral eller av hemsjukvården; dosering per brev eller telefon från antikoagulationsmottagningen.",
			Consequence:     "Många resor och provtagningsbesök, och ibland försenad dosjustering.",
			TargetGroups:    "Patienter med warfarinbehandling, antikoagulationsmottagningen och hälsocentralernas provtagning.",
			CareSettings:    []string{"primarvard", "egenvard", "kommunal_hemsjukvard"},
			Tags:            []string{"egenvård", "egenmonitorering", "provtagning", "läkemedel"},
			VolumePeople:    1300, VolumeEvents: 20000, Urgency: "low", Visibility: app.VisiblePublic,
			Benefits: []app.Benefit{{KPI: "Provtagningsbesök för PK(INR)", Unit: "besök/år", Baseline: "20 000", Target: "12 000"}},
		},
		path: []step{
			{to: submitted, after: 4, by: "erik"},
			{to: withdrawn, after: 25, by: "erik", note: "Dras tillbaka: laboratoriemedicin driver redan ett projekt om egentestning som täcker behovet."},
		},
	},
	{
		key: "graviditetsdiabetes", org: "region", by: "erik", daysAgo: 22,
		need: app.NeedInput{
			Title:      "Digital uppföljning vid graviditetsdiabetes",
			HowMightWe: "Hur kan vi följa blodsockret hos gravida med graviditetsdiabetes på distans, så att de slipper resa till specialistmödravården varje vecka?",
			Problem: "Gravida med graviditetsdiabetes ska följas tätt. De skriver ned sina blodsockervärden och reser till specialistmödravården " +
				"i Östersund, ibland från orter 15–20 mil bort.",
			CurrentPractice: "Blodsockerdagbok på papper eller i glukosmätarens egen app, som vården inte kan se. Besök varje eller varannan vecka.",
			Consequence:     "Många långa resor under graviditeten och sen upptäckt av behov av insulin.",
			TargetGroups:    "Gravida med graviditetsdiabetes; barnmorskor och diabetessjuksköterskor i specialistmödravården; obstetriker.",
			CareSettings:    []string{"sjukhusvard", "egenvard", "primarvard"},
			Tags:            []string{"egenmonitorering", "diabetes", "mödrahälsovård", "distansvård"},
			VolumePeople:    140, VolumeEvents: 1800, Urgency: "medium", Visibility: app.VisibleSignedIn,
			Benefits: []app.Benefit{{KPI: "Resor till specialistmödravården", Unit: "resor/år", Baseline: "1 500", Target: "600"}},
		},
		path: []step{
			{to: submitted, after: 3, by: "erik"},
		},
		followers: []string{"per"},
	},
	{
		key: "digital-halsocentral", org: "region", by: "erik", owner: "karin", daysAgo: 548,
		need: app.NeedInput{
			Title:      "Digital första kontakt med hälsocentralen",
			HowMightWe: "Hur kan invånare i glesbygd få en första digital kontakt med sin egen hälsocentral, i stället för att ringa och vänta i telefonkö?",
			Problem: "Telefonköerna till hälsocentralerna är långa på morgnarna, och många invånare vänder sig i stället till nationella " +
				"nätläkare som inte känner dem. Vården hamnar utanför den egna hälsocentralen och kontinuiteten går förlorad.",
			CurrentPractice: "Telefonrådgivning med återuppringning, och ärenden via 1177 som hanteras olika på olika hälsocentraler.",
			Consequence:     "Långa köer, ökade kostnader för nätläkarbesök utanför regionen och sämre kontinuitet för patienter med kroniska sjukdomar.",
			TargetGroups:    "Länets invånare, särskilt i glesbygd; sjuksköterskor och läkare på hälsocentralerna.",
			Constraints:     "Ska integreras med 1177 och journalsystemet. BankID eller Freja för invånare. Chatt och video i samma flöde.",
			CareSettings:    []string{"primarvard"},
			Tags:            []string{"digital vård", "chatt", "videomöte", "primärvård", "tillgänglighet"},
			VolumePeople:    40000, VolumeEvents: 60000, Urgency: "high", Visibility: app.VisiblePublic,
			Benefits: []app.Benefit{
				{KPI: "Andel kontakter som startar digitalt", Unit: "%", Baseline: "5", Target: "30"},
				{KPI: "Kostnad för nätläkarbesök utanför regionen", Unit: "mnkr/år", Baseline: "38", Target: "20"},
				{KPI: "Väntetid i telefonkö (median)", Unit: "minuter", Baseline: "24", Target: "8"},
			},
		},
		plan: "Följs månadsvis i primärvårdens ledningssystem: andel digitala kontakter, väntetid i telefonkön och kostnad för nätläkarbesök " +
			"utanför regionen. Redovisas för hälso- och sjukvårdsnämnden två gånger per år. Ansvarig: Karin Lindqvist.",
		path: []step{
			{to: submitted, after: 2, by: "erik"},
			{to: beingAnalysed, after: 5, by: "karin"},
			{to: validated, after: 18, by: "karin"},
			{to: marketScan, after: 10, by: "karin"},
			{to: routeDecided, after: 35, by: "karin", route: "buy", note: "Mogen marknad; upphandling av plattform för digitala vårdmöten."},
			{to: procurement, after: 10, by: "maria", lock: lockRegion},
			{to: implementation, after: 80, by: "maria", note: "Avtal tecknat; tre hälsocentraler börjar."},
			{to: benefitFollowUp, after: 60, by: "erik"},
			{to: spread, after: 90, by: "karin", note: "Tjänsten finns nu på alla länets hälsocentraler.",
				adopted: []adoption{{"kommun", "Hemsjukvården tar första kontakten med hälsocentralen digitalt i samma tjänst."}}},
			{to: closed, after: 75, by: "karin", reason: "solved", note: "Målen är nådda och tjänsten ingår i ordinarie drift; vidareutveckling sker i förvaltningen."},
		},
		contacts: []contact{
			{day: 7, supplier: "fjallvard", ours: "Karin Lindqvist, två verksamhetschefer i primärvården", theirs: "Anna Ek", channel: "meeting",
				purpose: "Dialog om digital första kontakt", given: "Behovet och volymer.",
				received: "Chatt och video i samma flöde med triage och integration mot 1177.",
				summary:  "Lösningen täcker chatt, video och triage. Integration mot 1177 finns i drift hos andra regioner."},
			{day: 20, supplierName: "Nordisk Digivård AB", ours: "Karin Lindqvist", theirs: "Affärsutvecklare", channel: "video",
				purpose: "Tidig dialog", given: "Behovsbeskrivningen.",
				received: "Plattform med automatiserad anamnes.",
				summary:  "Automatiserad anamnes med chatt finns; video via tredjepart."},
		},
		summary: "Dialog med två leverantörer. Flera mogna plattformar för digital första kontakt finns, med integration mot 1177. Regionen upphandlar.",
		comments: []comment{
			{in: benefitFollowUp, by: "karin", body: "Efter ett halvår startar 22 % av kontakterna digitalt, och kön på morgonen har halverats."},
		},
		followers: []string{"lars", "anna"},
	},
	{
		key: "anhorigstod", org: "kommun", by: "sara", daysAgo: 320,
		need: app.NeedInput{
			Title:      "Stöd till anhöriga via video",
			HowMightWe: "Hur kan vi ge anhöriga som vårdar en närstående med demens stöd och avlastning på distans, även på landsbygden?",
			Problem: "Anhörigstödets träffar och samtalsgrupper hålls i Östersund på dagtid. Anhöriga på landsbygden och de som arbetar har svårt " +
				"att delta, och många blir utmattade innan de får hjälp.",
			CurrentPractice: "Samtalsgrupper på plats, telefonsamtal med anhörigkonsulent och informationsmaterial på papper.",
			Consequence:     "Utmattade anhöriga, tidigare behov av särskilt boende för den närstående och ojämlik tillgång till stöd.",
			TargetGroups:    "Anhöriga till personer med demens, anhörigkonsulenter och demenssjuksköterskor.",
			CareSettings:    []string{"hemtjanst", "sarskilt_boende"},
			Tags:            []string{"anhörigstöd", "demens", "videomöte", "välfärdsteknik"},
			VolumePeople:    450, VolumeEvents: 1800, Urgency: "low", Visibility: app.VisiblePublic,
			Benefits: []app.Benefit{{KPI: "Anhöriga som deltar i stödinsatser", Unit: "personer/år", Baseline: "90", Target: "200"}},
		},
		path: []step{
			{to: submitted, after: 4, by: "sara"},
			{to: beingAnalysed, after: 10, by: "sara"},
			{to: onHold, after: 25, by: "sara", note: "Pausat: ingen budget för nya insatser i år."},
			{to: beingAnalysed, after: 150, by: "sara", note: "Återupptaget: statsbidraget för välfärdsteknik kan användas. Analysen fortsätter."},
		},
		comments: []comment{
			{in: onHold, by: "lars", body: "Anhörigföreningen frågar efter behovet. Kan vi erbjuda digitala träffar i befintligt verktyg under tiden?"},
		},
	},
	{
		key: "trycksar", org: "region", by: "erik", owner: "erik", daysAgo: 170,
		need: app.NeedInput{
			Title:      "Tidig upptäckt av trycksår",
			HowMightWe: "Hur kan vi upptäcka risk för trycksår hos sängliggande patienter innan huden skadas?",
			Problem: "Trycksår uppstår snabbt hos patienter som ligger still länge, både på sjukhuset och på särskilt boende. De orsakar smärta, " +
				"förlänger vårdtiden och räknas som vårdskada.",
			CurrentPractice: "Riskbedömning vid inskrivning och lägesändring enligt schema. Hudinspektion vid omvårdnad.",
			Consequence:     "Vårdskador, längre vårdtider och onödigt lidande.",
			TargetGroups:    "Sängliggande patienter på vårdavdelningar och särskilt boende; undersköterskor och sjuksköterskor.",
			Constraints:     "Sensorer i madrass eller på huden ska tåla rengöring och vara CE-märkta. Larm till personalens befintliga larmsystem.",
			CareSettings:    []string{"sjukhusvard", "sarskilt_boende"},
			Tags:            []string{"trycksår", "sensorer", "patientsäkerhet", "vårdskador"},
			VolumePeople:    1800, Urgency: "medium", Visibility: app.VisibleSignedIn,
			Benefits: []app.Benefit{{KPI: "Trycksår kategori 2–4 (punktprevalens)", Unit: "%", Baseline: "11", Target: "5"}},
		},
		path: []step{
			{to: submitted, after: 4, by: "erik"},
			{to: beingAnalysed, after: 9, by: "karin"},
			{to: validated, after: 20, by: "karin"},
			{to: marketScan, after: 30, by: "karin"},
		},
		contacts: []contact{
			{day: 20, supplier: "norrsken", ours: "Karin Lindqvist, vårdenhetschef", theirs: "Oskar Strand", channel: "meeting",
				purpose: "Dialog om sensorer för trycksårsprevention", given: "Behovet och rutinerna för lägesändring.",
				received: "Trycksensor under madrassen som påminner om lägesändring.",
				summary:  "Sensorn påminner om lägesändring men mäter inte hudens tillstånd. Rengöring enligt vårdhygienens krav är inte prövad."},
		},
		questions: []question{
			{in: marketScan, by: "oskar", text: "Gäller behovet vårdavdelningarna på Östersunds sjukhus, särskilt boende, eller båda?",
				answeredBy: "karin", answer: "Båda. Östersunds kommun är medägare för särskilt boende; lösningen bör fungera i båda miljöerna."},
		},
		coOwners:  []coOwner{{in: marketScan, org: "kommun", by: "sara", people: 520}},
		followers: []string{"oskar"},
	},
	{
		key: "hemdialys", org: "region", by: "erik", owner: "erik", daysAgo: 420,
		need: app.NeedInput{
			Title:      "Distansstöd vid hemdialys",
			HowMightWe: "Hur kan patienter i hemdialys skicka sina mätvärden till dialysenheten och få snabb återkoppling utan att resa till Östersund?",
			Problem: "Allt fler patienter gör dialys hemma. Mätvärden och behandlingsprotokoll lämnas på papper vid besök, och dialysenheten " +
				"upptäcker problem sent.",
			CurrentPractice: "Pappersprotokoll, telefonkontakt vid problem och besök på dialysenheten varje månad.",
			Consequence:     "Sena åtgärder vid komplikationer, fler resor än nödvändigt, och färre patienter vågar välja hemdialys.",
			TargetGroups:    "Patienter i hemhemodialys och peritonealdialys, dialyssjuksköterskor och njurmedicinare.",
			Constraints:     "Ska byggas på regionens befintliga plattform för egenmonitorering. Värdena ska till journalen.",
			CareSettings:    []string{"sjukhusvard", "egenvard"},
			Tags:            []string{"hemdialys", "egenmonitorering", "egenvård", "distansvård"},
			VolumePeople:    45, VolumeEvents: 540, Urgency: "medium", Visibility: app.VisiblePublic,
			Benefits: []app.Benefit{
				{KPI: "Resor till dialysenheten", Unit: "resor/år", Baseline: "540", Target: "250"},
				{KPI: "Patienter i hemdialys", Unit: "patienter", Baseline: "30", Target: "45"},
			},
		},
		plan: "Dialysenheten följer resor, antal patienter i hemdialys och oplanerade besök varje kvartal mot året före införandet. " +
			"Patientenkät efter sex månader. Ansvarig: Erik Sundberg.",
		path: []step{
			{to: submitted, after: 5, by: "erik"},
			{to: beingAnalysed, after: 10, by: "karin"},
			{to: validated, after: 30, by: "karin"},
			{to: routeDecided, after: 20, by: "karin", route: "build",
				note: "Ingen marknadsdialog behövs: regionen bygger en dialysmodul på den befintliga plattformen för egenmonitorering inom gällande avtal."},
			{to: implementation, after: 150, by: "karin", note: "Modulen är driftsatt; de första tolv patienterna är inskrivna."},
		},
		followers: []string{"per"},
	},
	{
		key: "teledermatologi", org: "region", by: "erik", owner: "erik", daysAgo: 510,
		need: app.NeedInput{
			Title:      "Teledermatologi: hudbedömning på distans",
			HowMightWe: "Hur kan hälsocentralerna få en hudläkares bedömning av hudförändringar utan att patienten reser till hudmottagningen?",
			Problem: "Väntetiden till hudmottagningen i Östersund är lång, och många remisser gäller hudförändringar som en hudläkare hade kunnat " +
				"bedöma på bild. Misstänkt melanom måste upptäckas snabbt.",
			CurrentPractice: "Remiss i text till hudmottagningen, och patienten kallas till besök. Ibland skickas bilder med e-post, vilket inte är tillåtet.",
			Consequence:     "Långa väntetider, onödiga resor och risk att allvarliga hudförändringar upptäcks sent.",
			TargetGroups:    "Patienter med hudförändringar, allmänläkare på hälsocentralerna och hudläkare.",
			Constraints:     "Dermatoskop ska vara CE-märkta. Bilderna ska lagras i journalen eller i regionens bildarkiv.",
			CareSettings:    []string{"primarvard", "sjukhusvard"},
			Tags:            []string{"teledermatologi", "bildöverföring", "distansvård", "cancer"},
			VolumePeople:    3000, VolumeEvents: 3500, Urgency: "high", Visibility: app.VisiblePublic,
			Benefits: []app.Benefit{
				{KPI: "Väntetid till bedömning av hudförändring", Unit: "dagar", Baseline: "65", Target: "10"},
				{KPI: "Fysiska besök på hudmottagningen efter remiss", Unit: "besök/år", Baseline: "3 500", Target: "1 800"},
			},
		},
		plan: "Hudmottagningen följer väntetid till bedömning och andelen remisser som besvaras utan besök, månadsvis. " +
			"Hälsocentralerna rapporterar användning kvartalsvis. Ansvarig: Erik Sundberg.",
		path: []step{
			{to: submitted, after: 3, by: "erik"},
			{to: beingAnalysed, after: 12, by: "karin"},
			{to: validated, after: 30, by: "karin"},
			{to: marketScan, after: 10, by: "karin"},
			{to: matched, after: 40, by: "karin"},
			{to: routeDecided, after: 15, by: "karin", route: "pilot"},
			{to: piloting, after: 20, by: "karin", note: "Pilot på fem hälsocentraler med dermatoskop kopplade till mobiltelefon."},
			{to: implementation, after: 140, by: "karin", note: "Piloten halverade väntetiden; införs på alla hälsocentraler."},
			{to: benefitFollowUp, after: 120, by: "erik"},
		},
		contacts: []contact{
			{day: 6, supplier: "fjallvard", ours: "Karin Lindqvist, överläkare hudkliniken", theirs: "Anna Ek", channel: "video",
				purpose: "Dialog om bildremisser", given: "Behovet och remissflödet.",
				received: "Bilder kan bifogas remiss via videoplattformens mobilapp.",
				summary:  "Bildöverföring fungerar men dermatoskopbilder kräver separat adapter."},
			{day: 18, supplierName: "Dermavision Nord AB", ours: "Karin Lindqvist", theirs: "Produktspecialist", channel: "meeting",
				purpose: "Demonstration av teledermatologi", given: "Behovet.",
				received: "Dermatoskop för mobiltelefon och bildremiss med lagring i bildarkiv.",
				summary:  "Komplett lösning för teledermatologi med CE-märkt dermatoskop och integration mot bildarkiv."},
		},
		summary:   "Dialog med två leverantörer. Kompletta lösningar för teledermatologi med integration mot bildarkiv finns. Regionen piloterar på fem hälsocentraler.",
		followers: []string{"linnea"},
	},
}
