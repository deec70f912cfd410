// Profiles of the Germanic languages: English, German, Dutch, Swedish.
extension LanguageProfile {
    static let english = LanguageProfile(
        code: "en",
        words: """
            the a an and or but if of to in on at by for with from about as into over after
            before up out is are was were be been being am do does did done have has had will
            would can could should may might must not no yes this that these those there here it
            its i me my mine you your yours we us our they them their he him his she her what
            which who whom whose when where why how all any some each every more most other such
            only own same so than too very just also please thanks thank hi hello get got make
            use using used need want know see go going back new now then still already again
            don't can't doesn't isn't it's i'm i've you're what's there's let's won't didn't
            i'd i'll we're they're that's 's 't 're 'll 've 'm 'd account password reset change
            billing invoice invoices download email key keys export data payment pay card
            refund team teammate settings help support error issue problem request limit rate
            sign log login plan upgrade cancel subscription my way time work works working able
            possible does enable add remove delete find show keep kept long many much month last
            why happens happen fails failed failing accept offer discount rotate page setup set
            go to click open select choose button menu under via should through without between
            our your which while because since until whether therefore however answer question
            never always ever only maybe really even both either something anything nothing
            everything someone anyone everyone receive received send sent try tried show shows
            shown wrong right correct
            per include includes including request requests response responses header headers
            minute minutes hour hours day days week weeks year years each business details role
            icon next sure more information link access user users member members tab section
            available instead want wants wanted here's isn't aren't wasn't weren't haven't
            hasn't couldn't wouldn't shouldn't they'll you'll you've we've there they'd he's
            she's who's where's how's through though although off first second yet soon already
            around across above below just like
            """,
        trigrams: """
            _th the he_ _an and nd_ ing ng_ _of of_ _to to_ _in in_ ion tio on_ ent er_ _is is_
            es_ ed_ _re re_ _yo you ou_ _ho how ow_ _wh wha hat at_ _ca can an_ _do _my my_ _it
            it_ _be ly_ all _wi ith wit th_ ere her ter ver _co com _fo for or_ _ha hav ave ve_
            _we _no not ot_ _so _st ay_ _ge get _us use ous ght igh ble _un _ac acc oun unt nt_
            _wo wor ork rk_ ould uld ld_ _sh eas ear _ye ey_ ss_ ess _ex _ch cha _pa pas ass
            _ke key _se set _ab out ut_ ll_ _al _ma ake ke_ ich _if if_ _or ted ate te_ _pl ple
            ase se_ _fi _ne ew_ _la ast st_ _ti tim ime me_ ses ith hen _ar are _wa way ays
            ts_ ks_ ds_ rs_ ns_ ys_ ws_ ck_ tch ght ied ies ity nce ers _wh hea ead ude lud _ke
            eys ee_ _sh sh_ ook ood ful ove wn_ _ou ugh oug eed ll_ ows _ye yes ade des ns_ ou_
            ncl inc clu equ est ues nse spo pon ons
            """)

    static let german = LanguageProfile(
        code: "de",
        words: """
            der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als
            auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem
            über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei
            ich du wir ihr mein meine meinen meiner meinem mich mir dich dir uns euch kann kannst
            können möchte möchten muss müssen will soll sollte wo was warum wann wer welche
            welcher welches wieso weshalb gibt hallo danke bitte passwort konto kontos rechnung
            rechnungen herunterladen daten zahlung zahlungen karte kreditkarte schlüssel
            teammitglied zurücksetzen ändern exportieren hilfe fehler benutzer abonnement
            erstattung rückerstattung einstellungen monat letzten kündigen aktivieren einrichten
            funktioniert geht kein keine ja nein hier da dort schon immer ihre ihren ihrem sie
            gehen klicken öffnen wählen unter dann wenn weil ob ohne gegen seit zwischen jetzt
            heute bereits wieder neue neuen erstellen löschen hinzufügen finden bekommen
            erhalten lange gespeichert zahlungsmethoden akzeptiert rabatt zwei faktor anmelden
            abmelden mitglied nutzer gebühr kosten frage antwort sicherheit aufbewahrt exporte
            lassen mache machen wurde worden sehr gut vielen dank leider natürlich gerne
            nie niemals nur vielleicht erhalten senden gesendet versuchen zeigen zeigt falsch
            richtig unser unsere unserer unseren jemand niemand etwas nichts jeder jede
            öffnen klicken gehen wählen geben kopieren speichern prüfen überprüfen tippen
            """,
        trigrams: """
            _de der er_ die ie_ _di _un und nd_ _ei ein _ic ich ch_ sch _sc cht ht_ _zu zu_ _da
            das as_ en_ _mi mit it_ _is ist st_ ung ng_ _ge gen ten _be ber _ve ver _we _wi wie
            ei_ eit _au auf uf_ _ka kan ann _me mei ine nen _ih ihr _ko _se _ni nic ich hei lic
            _an _vo von _fü für ür_ ere ter ern _ze tz_ _zw zwe ege ben eb_ ieh hen ach ech _ke
            kei ken sse ßen _ru ück run rn_ ier ert rt_ _ha hab abe ält ufe ige ige ll_ _wa _ma
            _na nac erd _so ell elle _ne _ab _ei ein ine ell _st ste sta ent ehe _um _al _vi
            """,
        markers: "ß:5 ä:1.5 ö:1.2 ü:1.5")

    static let dutch = LanguageProfile(
        code: "nl",
        words: """
            de het een van en in is dat op te zijn niet met voor die er hij ze aan als om maar
            ook bij uit dan of nog wat kan wordt door naar worden heeft hebben was deze dit al zo
            zich mijn mij me je jij jouw uw u ik we wij ons onze hoe waar wanneer waarom welke
            wie kunnen kun moet moeten wil wilt willen hoi hallo bedankt dank alstublieft
            alsjeblieft wachtwoord rekening factuur facturen downloaden gegevens betaling
            betalingen kaart creditcard sleutel teamgenoot opnieuw instellen wijzigen veranderen
            exporteren hulp fout probleem gebruiker abonnement terugbetaling instellingen maand
            vorige annuleren inschakelen geen wel hier daar mogelijk lang bewaard
            betaalmethoden accepteren korting toevoegen verwijderen vinden krijgen gaan klik open
            kies onder dan omdat zonder tussen nu vandaag al weer nieuwe maken aanmaken
            tweestapsverificatie inloggen uitloggen lid kosten vraag antwoord beveiliging
            exports hoeveel waarom werkt mislukt gebeurt sleutels roteren mijn
            nooit altijd alleen misschien ontvangen gekregen sturen verstuurd proberen tonen
            toont verkeerd juist iemand niemand iets niets elke
            klik ga kies selecteer voer kopieer plak sla controleer tik
            """,
        trigrams: """
            _de de_ _he het et_ _ee een en_ _va van an_ _in _ij ij_ ijn _mi mij _ik ik_ _ge _ve
            _wa waa aar _da dat at_ _op op_ _te _zi _vo voo oor _ni nie iet _me _ka kan _ho hoe
            oe_ _wo wor ord _sc sch cht _aa aan ijk lij ing _ui uit _zo oo ee_ eer _gr _wi _we
            _bi _mo _ku kun unt nt_ _ee erk rke gen ren ers oek oed aal eel ool uur ui_ ouw
            _bet eta tal ali ijd eid heid _ni _ov ove _zo zoe eke ekk _ke oet oen
            """,
        markers: "ë:1 ï:1")

    static let swedish = LanguageProfile(
        code: "sv",
        words: """
            och i att det som en på är av för med till den har de inte om ett han men var jag
            sig från vi så kan man när år under också efter eller nu sin där vid mycket vara
            mitt min mina din ditt dina du ni vår våra hur vad varför vilken vilket vilka vem
            kunna måste vill skulle hej tack snälla lösenord lösenordet konto kontot faktura
            fakturor fakturorna ladda ner betalning betalningar kort kortet nyckel nyckeln
            nycklar lagkamrat återställa återställer ändra exportera hjälp fel problem
            användare prenumeration återbetalning inställningar månad förra avbryta aktivera
            inga ingen ja nej här där hämta lägga till ta bort hitta få gå klicka öppna välj
            sedan eftersom utan mellan idag redan igen nya skapa radera länge sparas
            betalningsmetoder accepterar rabatt tvåfaktorsautentisering logga in ut medlem
            kostnad fråga svar säkerhet hur mycket fungerar misslyckas händer byta mitt mig dig
            aldrig alltid bara kanske fortfarande får fick emot skicka skickade försöka visa
            visar rätt vårt något inget varje samma
            öppna klicka gå välj ange kopiera klistra spara kontrollera tryck
            """,
        trigrams: """
            _oc och ch_ _at att tt_ _de det et_ _en en_ _so som om_ _fö för ör_ _ha har ar_ _ti
            til ill ll_ _me med ed_ _va var _in _ka kan an_ _ja jag ag_ _mi min _hu hur ur_ _vi
            _du ing ng_ nin het _sk ska _st ter _ko _lö lös _ä är_ _på på_ and nde de_ lig ga_
            _få _nå _hä _ty _ut _må gen era ern rna na_ _vå ått tte ade _ny ykl _fr frå ån_
            _ba _so _sv
            """,
        markers: "å:4 ä:1.5 ö:1.2")
}
