// Profiles of the other Latin-script languages: Polish, Czech, Turkish, Finnish, Hungarian,
// Vietnamese, Indonesian.
extension LanguageProfile {
    static let polish = LanguageProfile(
        code: "pl",
        words: """
            i w nie na się z do to że jest jak o co ale po tak od za dla jego był była czy ja mi
            mnie mój moja moje moich moim mojego ty ci twój wy my nas nasz jestem są być może
            mogę można chcę muszę trzeba gdzie kiedy dlaczego jaki jaka jakie który która które
            kto ile proszę dziękuję dzień dobry cześć hasło hasła konto konta faktura
            faktury faktur pobrać pobierz dane danych płatność płatności karta karty klucz
            klucza zespół zespołu członek zresetować zmienić eksportować eksport pomoc błąd
            problem użytkownik subskrypcja zwrot ustawienia miesiąc ostatni zeszły anulować
            włączyć jeszcze już tylko bardzo przez przy bez ten ta te tego tej tym jak długo
            przechowywane limit zapytań akceptujecie metody rabat zniżka uwierzytelnianie
            dwuskładnikowe zaprosić współpracownika obrócić zmienić działa nie działa dzieje
            tutaj dziś teraz znowu nowy nowa utworzyć usunąć dodać znaleźć otrzymać otworzyć
            kliknij wybierz menu pod bezpieczeństwo pytanie odpowiedź tak potem zawsze dobrze
            mam masz ma mamy macie mają swoje swój moją
            nigdy zawsze otrzymać dostać dostał wysłać wysłano spróbować pokazać pokazuje zły
            źle nasza nasze naszej naszego naszym wasz wasza ktoś nikt coś nic każdy potrzebuję
            potrzebujemy
            """,
        trigrams: """
            _ni nie ie_ _si się ię_ _na na_ _je jes est st_ _ja jak ak_ _do _po _pr prz rze _za
            _co _cz czy zy_ ani nia ać_ wać ość ści _mo moj moż że_ _ch cze _sz szy ego ej_ ych
            ym_ _ko _ha has sło _pa rzy owa wa_ _wy ach ami ów_ ki_ dzi _dz ię_ ją_ _są _zr _zm
            cie _kt któ wie _mi _ro
            """,
        markers: "ą:5 ć:4 ę:5 ł:5 ń:4 ó:1.5 ś:4 ź:5 ż:5")

    static let czech = LanguageProfile(
        code: "cs",
        words: """
            a v se na je že to s z o do i jak ale k by jsem jsi jsou být mít můj moje moji mého
            mému tvůj váš vaše náš naše já ty my vy on ona oni co kde kdy proč jaký jaká jaké
            který která které kdo kolik prosím děkuji dobrý den ahoj heslo hesla účet účtu
            faktura faktury faktur stáhnout stáhnu data dat platba platby karta karty klíč klíče
            tým týmu člen obnovit resetovat změnit exportovat export pomoc chyba problém
            uživatel předplatné vrácení peněz nastavení měsíc minulý zrušit zapnout mohu můžu
            můžete může chci potřebuji musím ještě už jen velmi pro při bez ten ta tento tato
            tohle jak dlouho uchovávány limit požadavků přijímáte metody sleva ověření
            dvoufázové pozvat kolegu funguje selže stane tady dnes teď znovu nový nová vytvořit
            smazat přidat najít získat otevřít klikněte vyberte nabídka pod zabezpečení otázka
            odpověď ano ne potom vždy dobře mám máte svůj svoje
            nikdy vždy možná dostat dostal poslat odeslat zkusit ukázat ukazuje špatně správně
            naší našeho někdo nikdo něco nic každý potřebujeme
            """,
        trigrams: """
            _je je_ _se se_ _na na_ _ne _po _pr pro _ja jak ak_ _to to_ _mů _ch _st ost ní_ ích
            _př při ře_ _kd kde _ch chc ci_ _ob _zm _st _ne ého ým_ ými _ve _vy vat at_ ova _sl
            _úč _mo moh ně_ _dě _ho _ov ení ní_ _ty tel
            """,
        markers: "á:1 č:3 ď:5 é:0.5 ě:5 í:1 ň:5 ó:0.3 ř:5 š:2.5 ť:5 ú:2 ů:5 ý:2.5 ž:2.5")

    static let turkish = LanguageProfile(
        code: "tr",
        words: """
            ve bir bu da de için ile çok ne ama gibi daha o var yok mi mı mu mü ben sen biz siz
            onlar benim senin bizim nasıl nerede zaman neden hangi kim nedir olarak olan kadar
            sonra önce şifre şifremi şifremizi hesap hesabım hesabımı fatura faturalar
            faturalarımı indirmek indirebilirim veri veriler verilerimi ödeme kart kartım
            anahtar anahtarı ekip takım sıfırlamak sıfırlarım değiştirmek değiştirebilir miyim
            dışa aktarmak yardım hata sorun kullanıcı abonelik iade ayarlar ay geçen iptal
            etmek etkinleştirmek merhaba teşekkürler lütfen evet hayır istiyorum yapabilirim
            nereden ne kadar süre saklanır sınır istek kabul ediyor yöntemleri indirim iki
            faktörlü kimlik doğrulama davet ekleyebilirim çalışmıyor oluyor burada bugün şimdi
            yeniden yeni oluşturmak silmek eklemek bulmak almak açmak tıklayın seçin menü
            altında güvenlik soru cevap sonra her zaman iyi nasıl yaparım edebilirim miyim
            musunuz mısınız
            hiç asla sadece belki hala almak aldım göndermek gönderdim denemek göstermek
            gösteriyor yanlış doğru biri kimse şey hiçbir her
            """,
        trigrams: """
            _bi bir ir_ _ve ve_ _bu bu_ ler lar ar_ er_ ını ini _ne nas ası _şi _iç içi çin in_
            _de de_ da_ _mi _ya yap _ol ola lan an_ ım_ im_ um_ _ha _he _ka _ku _ad _al _ed ede
            _ye yor or_ mak mek ak_ ek_ _ge _gö iyo ıyo ıl_ il_ ıla _na ıs_ lir bil ili _ic _şu
            sın sin miy ıyı eri ları leri eme ıme _ön _öd _si
            """,
        markers: "ç:1.5 ğ:5 ı:5 ö:1.2 ş:4 ü:1.5 â:0.3 î:0.3")

    static let finnish = LanguageProfile(
        code: "fi",
        words: """
            ja on ei se että hän oli ovat mutta kun niin kuin jos tai myös vain tämä tuo nyt
            sitten minä sinä me te he minun sinun meidän teidän mikä mitä miten missä mistä
            milloin miksi kuka voin voiko voinko voitko voit haluan pitää täytyy kiitos hei moi
            salasana salasanan salasanani tili tilin tilini lasku laskut laskuni laskuja ladata
            tiedot tietoni tietoja maksu maksun maksut kortti avain avaimen tiimi jäsen nollata
            nollaan vaihtaa viedä vienti apua virhe ongelma käyttäjä tilaus hyvitys asetukset
            kuukausi viime peruuttaa ottaa käyttöön kauanko kauan säilytetään raja pyyntöjä
            hyväksyttekö maksutapoja alennus kaksivaiheinen tunnistus kutsua kollega kierrättää
            toimi toimii epäonnistuu tapahtuu täällä tänään nyt uudelleen uusi luoda poistaa
            lisätä löytää saada avata napsauta valitse valikko alla turvallisuus kysymys vastaus
            kyllä sitten aina hyvin onko ole olen olet
            """,
        trigrams: """
            _ja ja_ _on on_ _ei _se ssa ssä sta stä lla llä ksi _ku kun _mi min _mu _ta _va _ol
            oll ise sen en_ nen ine ään _ha _sa _ti til _la _ka kai aa_ ää_ _ny tta ttä ast ist
            isi _kä yt_ _yh lle ien uks ksa oit _vo voi iin _pi ita itä ani ini _mo
            """,
        markers: "ä:2 ö:1.5 å:0.3")

    static let hungarian = LanguageProfile(
        code: "hu",
        words: """
            a az és hogy nem is egy van meg de ez azt el ha már csak mint volt még sem vagy kell
            lehet én te mi ti ők engem nekem saját hogyan hol mikor miért melyik ki mit mennyi
            tudom tudok tudja szeretnék kérem köszönöm szia jó napot jelszó jelszót jelszavamat
            jelszavam fiók fiókom fiókot számla számlák számláimat számlát letölteni letölthetem
            adatok adataimat fizetés kártya kártyám kulcs kulcsot csapat csapattag
            visszaállítani módosítani megváltoztatni exportálni segítség hiba probléma
            felhasználó előfizetés visszatérítés beállítások hónap hónapban múlt lemondani
            bekapcsolni meddig tárolják korlát kérés elfogadnak fizetési módokat kedvezmény
            kétlépcsős hitelesítés meghívni kollégát működik sikertelen történik itt ma most
            újra új létrehozni törölni hozzáadni megtalálni kapni megnyitni kattintson
            válassza menü alatt biztonság kérdés válasz igen nem aztán mindig jól hogyan tudom
            """,
        trigrams: """
            _a_ _az az_ _és és_ _ho hog ogy gy_ _ne nem _eg egy _va van _me meg eg_ sz_ _sz ság
            ség ban ben nak nek ott ett _ki _mi _ke _fe _le _el ása ése _ta tás tés ok_ ak_ ek_
            _cs _ny nyi _ér _kö _fi zet eté ást _ál _hi lye tat sza _bi
            """,
        markers: "á:1 é:1 í:0.6 ó:0.8 ö:1.2 ő:5 ú:0.6 ü:1 ű:5")

    static let vietnamese = LanguageProfile(
        code: "vi",
        words: """
            tôi bạn của và là có không được một các những cho này với để trong khi thì đã sẽ
            làm như thế nào ở đâu tại sao gì mật khẩu tài khoản hóa đơn tải xuống dữ liệu
            thanh toán thẻ khóa nhóm đặt lại thay đổi xuất giúp lỗi vấn đề người dùng đăng ký
            hoàn tiền cài đặt tháng trước hủy bật xin cảm ơn chào ai khi nào bao lâu có thể
            """,
        trigrams: """
            _kh khô ông ng_ _ng ngư _nh như _th thì _tr tro ong _ch _gi _ph anh nh_ _qu ươn
            """,
        markers: "đ:5 ơ:5 ư:5 ă:2 â:1 ê:1 ô:1")

    static let indonesian = LanguageProfile(
        code: "id",
        words: """
            yang dan di ke dari ini itu untuk dengan tidak ada saya anda kamu kami kita mereka
            dia bagaimana apa mana kapan mengapa kenapa siapa bisa dapat mau ingin harus sudah
            belum akan juga atau tetapi tapi jika kalau kata sandi akun tagihan faktur unduh
            mengunduh data pembayaran kartu kunci tim anggota atur ulang mengatur mengubah
            ekspor bantuan kesalahan masalah pengguna langganan pengembalian dana pengaturan
            bulan lalu batalkan aktifkan terima kasih halo tolong saja sekali lagi berapa lama
            disimpan batas permintaan menerima metode diskon autentikasi dua faktor mengundang
            rekan memutar berfungsi gagal terjadi sini hari sekarang baru membuat menghapus
            menambahkan menemukan mendapatkan membuka klik pilih menu bawah keamanan pertanyaan
            jawaban ya kemudian selalu baik bagus saya punya
            """,
        trigrams: """
            _ya yan ang ng_ _da dan an_ _di di_ _ke _me men eng _pe pen _be ber _sa say aya ya_
            _in ini ni_ _it itu tu_ _un unt ntu uk_ _ti tid ida dak ak_ kan _ba bag aga gai ima
            man _ap apa pa_ _bi bis isa sa_ _ak aku nya ah_ lah kah _te ter _se ala
            """)
}
